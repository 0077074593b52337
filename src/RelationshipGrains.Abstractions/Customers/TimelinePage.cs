namespace RelationshipGrains.Customers;

/// <summary>A page of timeline entries in the order the query asked for, and whether more lie beyond it.</summary>
[GenerateSerializer, Immutable, Alias("rg.TimelinePage")]
public sealed record TimelinePage(
    [property: Id(0)] IReadOnlyList<TimelineEntry> Entries,
    [property: Id(1)] long LatestSequence,
    [property: Id(2)] bool HasMore);
