namespace RelationshipGrains.Reporting;

/// <summary>
/// One fact the BI read model counts, taken from an integration event. <see cref="Key"/> names what the fact is
/// about (an intent, idea or value chain) so a later fact about it replaces the earlier one.
/// </summary>
/// <param name="MessageId">The integration event's message id; a fact seen before is not counted again.</param>
/// <param name="Kind">What the fact counts.</param>
/// <param name="Key">
/// What it is about: <c>{customerId}/{intentId}</c> for an intent (the read model keeps it under a pseudonym of
/// the two, never the ids), the idea's or the value chain's id, <c>{customerId}/{sequence}</c> for an interaction (not kept).
/// </param>
/// <param name="Value">The interaction's channel, or the intent's, idea's or chain's status.</param>
/// <param name="At">When it happened: an interaction is counted on its UTC day; otherwise a fact older than the one held for its key is ignored.</param>
[GenerateSerializer, Immutable, Alias("rg.MetricsFact")]
public sealed record MetricsFact(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] MetricsFactKind Kind,
    [property: Id(2)] string Key,
    [property: Id(3)] string Value,
    [property: Id(4)] DateTimeOffset At);
