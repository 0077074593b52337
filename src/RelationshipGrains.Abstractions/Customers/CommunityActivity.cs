namespace RelationshipGrains.Customers;

/// <summary>Something the customer did in a community, for their own timeline. The id makes it idempotent.</summary>
[GenerateSerializer, Immutable, Alias("rg.CommunityActivity")]
public sealed record CommunityActivity(
    [property: Id(0)] string ActivityId,
    [property: Id(1)] string Community,
    [property: Id(2)] string Text,
    [property: Id(3)] string? Subject = null);
