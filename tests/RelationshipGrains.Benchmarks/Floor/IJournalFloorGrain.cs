using RelationshipGrains.Customers;

namespace RelationshipGrains.Benchmarks.Floor;

/// <summary>
/// Orleans Journaling with nothing of ours around it: what the spike measured, and the floor under our write
/// (a grain that appends the same entry to a journaled list and answers as ours does).
/// </summary>
[Alias("bench.IJournalFloorGrain")]
public interface IJournalFloorGrain : IGrainWithStringKey
{
    // Open to clients as a channel app's calls are, so the external client's rows pay the same surface check.
    [ChannelSurface]
    [Alias("Append")]
    Task<RecordResult> AppendAsync(RecordInteraction interaction);
}
