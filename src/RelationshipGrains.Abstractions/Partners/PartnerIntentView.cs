using RelationshipGrains.Customers;

namespace RelationshipGrains.Partners;

/// <summary>
/// An intent as a partner may see it. <c>customerId</c> is given only under the customer's Intents consent;
/// otherwise the partner knows the customer by <c>customerRef</c>, a pseudonym that is stable for this partner only.
/// </summary>
/// <param name="CastId">The partner's handle on the intent.</param>
/// <param name="CustomerRef">The customer's pseudonym, stable for this partner only.</param>
/// <param name="CustomerId">The customer's id under Intents consent; otherwise null.</param>
/// <param name="Text">What the customer wants, in their words.</param>
/// <param name="Category">What kind of thing it is.</param>
/// <param name="Budget">What the customer will spend, or null when not said.</param>
/// <param name="Deadline">When the customer needs it by, or null.</param>
/// <param name="Constraints">The customer's conditions under Intents consent; otherwise empty.</param>
/// <param name="Match">How closely the partner's values match the customer's, 0 to 1.</param>
/// <param name="Status">Whether the intent is open or withdrawn.</param>
/// <param name="YourOffer">This partner's offer on it, or null.</param>
[GenerateSerializer, Immutable, Alias("rg.PartnerIntentView")]
public sealed record PartnerIntentView(
    [property: Id(0)] string CastId,
    [property: Id(1)] string CustomerRef,
    [property: Id(2)] string? CustomerId,
    [property: Id(3)] string Text,
    [property: Id(4)] string Category,
    [property: Id(5)] Money? Budget,
    [property: Id(6)] DateTimeOffset? Deadline,
    [property: Id(7)] IReadOnlyList<string> Constraints,
    [property: Id(8)] double Match,
    [property: Id(9)] IntentStatus Status,
    [property: Id(10)] IntentOffer? YourOffer);
