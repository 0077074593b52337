namespace RelationshipGrains.Api.Communities;

/// <summary>A moderator merges a duplicate idea into a survivor.</summary>
public sealed record MergeBody(string ActorId, string DuplicateIdeaId, string SurvivorIdeaId);
