using System.Collections.Concurrent;
using Orleans.Journaling;

namespace RelationshipGrains.Persistence.Journals;

/// <summary>
/// Journals whose next write must rewrite them as one snapshot instead of appending. Orleans Journaling has no call
/// to compact on demand; it asks the storage (<see cref="IJournalStorage.IsCompactionRequested"/>), so a grain that
/// must physically drop what it held (an erasure) asks here and our storages answer yes until they have replaced.
/// </summary>
public sealed class ForcedCompactions
{
    /// <summary>Each journal's latest request, by a number no other request had.</summary>
    private readonly ConcurrentDictionary<string, long> _requested = new(StringComparer.Ordinal);
    private long _lastRequest;

    /// <summary>
    /// Every append asks, and almost always none is requested. The dictionary's own IsEmpty takes all its locks,
    /// which cost 6% of a busy silo's time in a profile of RecordInteraction; this count answers without a lock.
    /// </summary>
    private int _count;

    public void Request(GrainId grainId)
    {
        var key = JournalId.FromGrainId(grainId).Value;
        var request = Interlocked.Increment(ref _lastRequest);
        while (true)
        {
            if (_requested.TryGetValue(key, out var earlier))
            {
                if (_requested.TryUpdate(key, request, earlier))
                {
                    return;
                }
            }
            else if (_requested.TryAdd(key, request))
            {
                Interlocked.Increment(ref _count);
                return;
            }
        }
    }

    public bool IsRequested(JournalId journalId) => Pending(journalId) is not null;

    /// <summary>
    /// The request a compaction starting now answers, for <see cref="Done(JournalId, long?)"/>; null when none is.
    /// </summary>
    public long? Pending(JournalId journalId) =>
        Volatile.Read(ref _count) > 0 && _requested.TryGetValue(journalId.Value, out var request) ? request : null;

    /// <summary>
    /// A compaction that began when <paramref name="answered"/> was pending has replaced the journal. A request made
    /// since stays: the compaction may have taken its records before the grain made the change it must drop.
    /// </summary>
    public void Done(JournalId journalId, long? answered)
    {
        if (answered is { } request && _requested.TryRemove(KeyValuePair.Create(journalId.Value, request)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>The journal is deleted: nothing is left to compact.</summary>
    public void Done(JournalId journalId)
    {
        if (_requested.TryRemove(journalId.Value, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
