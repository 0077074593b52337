using RelationshipGrains.Customers;

namespace RelationshipGrains.ValueChains;

/// <summary>A partner's offer for one slot.</summary>
/// <param name="PartnerId">The partner offering.</param>
/// <param name="Price">The price asked.</param>
/// <param name="LeadTimeDays">Days until the partner can deliver.</param>
/// <param name="Certifications">Certifications the partner holds for this offer.</param>
/// <param name="Terms">The partner's terms, or null.</param>
/// <param name="OfferedAt">When the offer was made or last replaced.</param>
[GenerateSerializer, Immutable, Alias("rg.SlotOffer")]
public sealed record SlotOffer(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] Money Price,
    [property: Id(2)] int LeadTimeDays,
    [property: Id(3)] IReadOnlyList<string> Certifications,
    [property: Id(4)] string? Terms,
    [property: Id(5)] DateTimeOffset OfferedAt);
