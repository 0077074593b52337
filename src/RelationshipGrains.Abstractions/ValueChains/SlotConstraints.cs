using RelationshipGrains.Customers;

namespace RelationshipGrains.ValueChains;

/// <summary>What an offer must satisfy to fill a slot: a price ceiling, a lead-time ceiling, certifications it must hold.</summary>
[GenerateSerializer, Immutable, Alias("rg.SlotConstraints")]
public sealed record SlotConstraints(
    [property: Id(0)] Money? MaxPrice = null,
    [property: Id(1)] int? MaxLeadTimeDays = null,
    [property: Id(2)] IReadOnlyList<string>? RequiredCertifications = null);
