using Orleans.Journaling;

namespace RelationshipGrains.Persistence.AzureStorage.Tables;

/// <summary>
/// Sends the journals of the named grain types to table partitions and every other journal to append blobs. An append
/// blob replays block by block, so it must snapshot every 100 appends: cheap for a customer, whose state is small
/// and which reactivates often, ruinous for a grain holding much that changes a little at a time (a directory shard of
/// 10,000 cards rewrote 1.8 MB every 100 upserts, 98x its changes). A table partition snapshots by size alone but
/// replays row by row, which made a 2,000-entry customer's reactivation on Azurite 17x a new one's: each storage where
/// it is cheap.
/// </summary>
public sealed class RoutedJournalStorageProvider(IJournalStorageProvider blobs, IJournalStorageProvider tables, IEnumerable<string> onTables)
    : IJournalStorageProvider, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>
    /// The grain types whose state grows with use and changes a little at a time: directory shards (cards), communities
    /// (posts), ideas (votes), the BI read model (remembered message ids), the staff action log, webhook dead letters and webhook retry queues.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultTableGrainTypes =
        ["customerdirectory", "community", "idea", "relationshipmetrics", "staffactionlog", "webhookdeadletters", "webhookretries"];

    private readonly HashSet<string> _onTables = new(onTables, StringComparer.Ordinal);

    public IJournalStorage CreateStorage(JournalId journalId) =>
        _onTables.Contains(GrainTypeOf(journalId)) ? tables.CreateStorage(journalId) : blobs.CreateStorage(journalId);

    public void Participate(ISiloLifecycle lifecycle)
    {
        (blobs as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
        (tables as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
    }

    /// <summary>A grain's journal id is its grain id, "type/key".</summary>
    private static string GrainTypeOf(JournalId id) => id.Value.Split('/', 2)[0];
}
