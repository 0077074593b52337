using RelationshipGrains.Customers;

namespace RelationshipGrains.ValueChains;

/// <summary>What an offer must satisfy to fill a slot: a price ceiling, a lead-time ceiling, certifications it must hold.</summary>
/// <param name="MaxPrice">The highest price accepted, more than zero; an offer in another currency does not meet it. Null for no ceiling.</param>
/// <param name="MaxLeadTimeDays">The longest lead time accepted, in days, 0 or more; null for no ceiling.</param>
/// <param name="RequiredCertifications">
/// Certifications the offer must list, at most 20, each an id (1-64 characters of a-z, 0-9, '.', '_' or '-'); null for
/// none.
/// </param>
[GenerateSerializer, Immutable, Alias("rg.SlotConstraints")]
public sealed record SlotConstraints(
    [property: Id(0)] Money? MaxPrice = null,
    [property: Id(1)] int? MaxLeadTimeDays = null,
    [property: Id(2)] IReadOnlyList<string>? RequiredCertifications = null);
