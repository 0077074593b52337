namespace RelationshipGrains.Communities;

/// <summary>A customer's membership of a community.</summary>
[GenerateSerializer, Immutable, Alias("rg.Member")]
public sealed record Member([property: Id(0)] string CustomerId, [property: Id(1)] CommunityRole Role, [property: Id(2)] DateTimeOffset JoinedAt);
