namespace RelationshipGrains.Customers;

/// <summary>An intent as the customer holds it.</summary>
[GenerateSerializer, Immutable, Alias("rg.Intent")]
public sealed record Intent(
    [property: Id(0)] string IntentId,
    [property: Id(1)] string Text,
    [property: Id(2)] string Category,
    [property: Id(3)] Money? Budget,
    [property: Id(4)] DateTimeOffset? Deadline,
    [property: Id(5)] IReadOnlyList<string> Constraints,
    [property: Id(6)] IntentStatus Status,
    [property: Id(7)] DateTimeOffset ExpressedAt,
    [property: Id(8)] DateTimeOffset? WithdrawnAt = null,
    [property: Id(9)] IReadOnlyList<IntentMatch>? Matches = null,
    [property: Id(10)] IReadOnlyList<IntentOffer>? Offers = null);
