namespace RelationshipGrains.Customers;

/// <summary>A customer's profile as stored, with when the customer was first seen and last changed.</summary>
[GenerateSerializer, Immutable, Alias("rg.CustomerProfile")]
public sealed record CustomerProfile(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] IReadOnlyList<ContactPoint> ContactPoints,
    [property: Id(3)] string? Language,
    [property: Id(4)] IReadOnlyList<string> Tags,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt);
