namespace RelationshipGrains.Customers;

/// <summary>What the customer directory holds of a customer, so staff can find them by name, contact or tag.</summary>
/// <param name="CustomerId">The customer's id.</param>
/// <param name="DisplayName">The customer's display name, or null when never set.</param>
/// <param name="Contacts">The addresses of the customer's contact points.</param>
/// <param name="Tags">The profile's tags.</param>
/// <param name="UpdatedAt">When the profile the card was made from changed; a card never replaces a newer one.</param>
[GenerateSerializer, Immutable, Alias("rg.CustomerCard")]
public sealed record CustomerCard(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] IReadOnlyList<string> Contacts,
    [property: Id(3)] IReadOnlyList<string> Tags,
    [property: Id(4)] DateTimeOffset UpdatedAt);
