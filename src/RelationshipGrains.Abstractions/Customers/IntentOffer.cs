namespace RelationshipGrains.Customers;

/// <summary>A partner's answer to an intent: price, lead time and terms. One per partner per intent; a new one replaces it.</summary>
[GenerateSerializer, Immutable, Alias("rg.IntentOffer")]
public sealed record IntentOffer(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] Money Price,
    [property: Id(2)] int LeadTimeDays,
    [property: Id(3)] string? Terms,
    [property: Id(4)] DateTimeOffset OfferedAt);
