namespace RelationshipGrains.Api.Communities;

/// <summary>A customer joining.</summary>
public sealed record JoinBody(string CustomerId);
