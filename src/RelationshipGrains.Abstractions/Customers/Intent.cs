namespace RelationshipGrains.Customers;

/// <summary>An intent as the customer holds it.</summary>
/// <param name="IntentId">The caller's id for the intent.</param>
/// <param name="Text">What the customer wants, in their words.</param>
/// <param name="Category">What kind of thing it is; partners serving it were matched.</param>
/// <param name="Budget">What the customer will spend, or null when not said.</param>
/// <param name="Deadline">When the customer needs it by, or null.</param>
/// <param name="Constraints">Conditions in the customer's words.</param>
/// <param name="Status">Whether the intent is open or withdrawn.</param>
/// <param name="ExpressedAt">When the customer expressed it.</param>
/// <param name="WithdrawnAt">When the customer withdrew it, or null while open.</param>
/// <param name="Matches">The partners it was cast to (at most 20), best values match first.</param>
/// <param name="Offers">
/// The partners' offers on it, one per partner; as listed, best values match first (by the partner's score in
/// <paramref name="Matches"/>).
/// </param>
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
