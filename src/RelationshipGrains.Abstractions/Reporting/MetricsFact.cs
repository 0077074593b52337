namespace RelationshipGrains.Reporting;

/// <summary>
/// One fact the BI read model counts, taken from an integration event. <see cref="Key"/> names what the fact is
/// about (an intent, idea or value chain) so a later fact about it replaces the earlier one.
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.MetricsFact")]
public sealed record MetricsFact(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] MetricsFactKind Kind,
    [property: Id(2)] string Key,
    [property: Id(3)] string Value,
    [property: Id(4)] DateTimeOffset At);
