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
    private readonly ConcurrentDictionary<string, byte> _requested = new(StringComparer.Ordinal);

    public void Request(GrainId grainId) => _requested[JournalId.FromGrainId(grainId).Value] = 0;

    public bool IsRequested(JournalId journalId) => !_requested.IsEmpty && _requested.ContainsKey(journalId.Value);

    public void Done(JournalId journalId) => _requested.TryRemove(journalId.Value, out _);
}
