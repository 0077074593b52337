namespace RelationshipGrains.Api.Communities;

/// <summary>A moderator hides a post, saying why.</summary>
public sealed record HideBody(string ActorId, string Reason);
