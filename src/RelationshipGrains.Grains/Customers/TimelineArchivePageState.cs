using RelationshipGrains.Customers;

namespace RelationshipGrains.Grains.Customers;

[GenerateSerializer, Alias("rg.TimelineArchivePageState")]
public sealed class TimelineArchivePageState
{
    [Id(0)] public List<TimelineEntry> Entries { get; set; } = [];
}
