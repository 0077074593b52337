namespace RelationshipGrains.Communities;

/// <summary>A customer's membership of a community.</summary>
/// <param name="CustomerId">The member's customer id.</param>
/// <param name="Role">What the member may do.</param>
/// <param name="JoinedAt">When the customer joined.</param>
[GenerateSerializer, Immutable, Alias("rg.Member")]
public sealed record Member([property: Id(0)] string CustomerId, [property: Id(1)] CommunityRole Role, [property: Id(2)] DateTimeOffset JoinedAt);
