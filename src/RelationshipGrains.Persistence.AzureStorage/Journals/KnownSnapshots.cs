using System.Collections.Concurrent;
using Orleans.Journaling;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>
/// The snapshot each journal named when this silo last read or wrote it, if its log holds no copy of it (one over the
/// megabyte copied, or a compaction cut short before its copy). A journal's next activation here (after an idle deactivation,
/// the common case) reads that snapshot alongside its log instead of after it: one round trip less. Safe with any guess:
/// a snapshot blob is written once under a new name and never changed, so what was read under the name the log names
/// is that snapshot; a guess the log does not name is dropped, and a missing one is read the usual way.
/// </summary>
public sealed class KnownSnapshots(int capacity = KnownSnapshots.DefaultCapacity)
{
    /// <summary>About 200 bytes an entry: 50,000 journals with snapshots cost this silo about 10 MB at most.</summary>
    public const int DefaultCapacity = 50_000;

    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    public string? Get(JournalId id) => _names.TryGetValue(id.Value, out var name) ? name : null;

    public void Set(JournalId id, string? snapshot)
    {
        if (snapshot is null)
        {
            _names.TryRemove(id.Value, out _);
            return;
        }

        // Bounded the simplest way: a full table starts again empty. A forgotten name costs one round trip, never a wrong read.
        if (_names.Count >= capacity && !_names.ContainsKey(id.Value))
        {
            _names.Clear();
        }

        _names[id.Value] = snapshot;
    }
}
