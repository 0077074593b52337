namespace RelationshipGrains.Customers;

/// <summary>What the customer directory holds of a customer, so staff can find them by name, contact or tag.</summary>
[GenerateSerializer, Immutable, Alias("rg.CustomerCard")]
public sealed record CustomerCard(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] IReadOnlyList<string> Contacts,
    [property: Id(3)] IReadOnlyList<string> Tags,
    [property: Id(4)] DateTimeOffset UpdatedAt);
