using RelationshipGrains.Customers;

namespace RelationshipGrains.ValueChains;

/// <summary>A partner's offer for one slot.</summary>
[GenerateSerializer, Immutable, Alias("rg.SlotOffer")]
public sealed record SlotOffer(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] Money Price,
    [property: Id(2)] int LeadTimeDays,
    [property: Id(3)] IReadOnlyList<string> Certifications,
    [property: Id(4)] string? Terms,
    [property: Id(5)] DateTimeOffset OfferedAt);
