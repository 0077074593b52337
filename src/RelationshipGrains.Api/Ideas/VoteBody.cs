namespace RelationshipGrains.Api.Ideas;

/// <summary>A member's vote: 1 to support, -1 to oppose.</summary>
public sealed record VoteBody(string CustomerId, int Value);
