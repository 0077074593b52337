using RelationshipGrains.Ideas;

namespace RelationshipGrains.Api.Ideas;

/// <summary>A person's decision on an idea (in-design, delivered, culled), with the reason.</summary>
public sealed record DecisionBody(string ActorId, IdeaStatus? Status, string Reason);
