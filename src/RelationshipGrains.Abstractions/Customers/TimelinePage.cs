namespace RelationshipGrains.Customers;

/// <summary>A page of timeline entries in the order the query asked for, and whether more lie beyond it.</summary>
/// <param name="Entries">The entries, newest first, or oldest first when the query gave <c>after</c>.</param>
/// <param name="LatestSequence">The sequence of the newest entry on the timeline when the page was read (0 for an empty timeline).</param>
/// <param name="HasMore">Whether entries lie beyond the page in the direction it was read.</param>
[GenerateSerializer, Immutable, Alias("rg.TimelinePage")]
public sealed record TimelinePage(
    [property: Id(0)] IReadOnlyList<TimelineEntry> Entries,
    [property: Id(1)] long LatestSequence,
    [property: Id(2)] bool HasMore);
