namespace RelationshipGrains.Customers;

/// <summary>A partner's answer to an intent: price, lead time, certifications and terms. One per partner per intent; a new one replaces it.</summary>
/// <param name="PartnerId">The partner offering.</param>
/// <param name="Price">The price asked.</param>
/// <param name="LeadTimeDays">Days until the partner can deliver, 0-3650.</param>
/// <param name="Terms">The partner's terms, at most 2,000 characters, or null.</param>
/// <param name="OfferedAt">When the offer was made.</param>
/// <param name="Certifications">Certifications the partner holds for this offer; null for none (and for offers made before they were kept).</param>
[GenerateSerializer, Immutable, Alias("rg.IntentOffer")]
public sealed record IntentOffer(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] Money Price,
    [property: Id(2)] int LeadTimeDays,
    [property: Id(3)] string? Terms,
    [property: Id(4)] DateTimeOffset OfferedAt,
    [property: Id(5)] IReadOnlyList<string>? Certifications = null);
