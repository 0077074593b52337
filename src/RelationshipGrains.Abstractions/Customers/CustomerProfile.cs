namespace RelationshipGrains.Customers;

/// <summary>A customer's profile as stored, with when the customer was first seen and last changed.</summary>
/// <param name="CustomerId">The customer's id.</param>
/// <param name="DisplayName">The name to show, or null until the profile is set.</param>
/// <param name="ContactPoints">How to reach the customer.</param>
/// <param name="Language">A language tag such as <c>en</c> or <c>pt-BR</c>, or null.</param>
/// <param name="Tags">The customer's tags, without duplicates.</param>
/// <param name="CreatedAt">When the customer was first seen.</param>
/// <param name="UpdatedAt">When anything about the customer last changed, a new timeline entry included.</param>
[GenerateSerializer, Immutable, Alias("rg.CustomerProfile")]
public sealed record CustomerProfile(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] IReadOnlyList<ContactPoint> ContactPoints,
    [property: Id(3)] string? Language,
    [property: Id(4)] IReadOnlyList<string> Tags,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt);
