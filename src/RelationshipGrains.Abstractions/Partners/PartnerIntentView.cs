using RelationshipGrains.Customers;

namespace RelationshipGrains.Partners;

/// <summary>
/// An intent as a partner may see it. <c>customerId</c> is given only under the customer's Intents consent;
/// otherwise the partner knows the customer by <c>customerRef</c>, a pseudonym that is stable for this partner only.
/// </summary>
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
