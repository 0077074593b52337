namespace RelationshipGrains.Persistence.Journals;

/// <summary>
/// When a journal is rewritten as one snapshot. A snapshot costs what the state holds, so it comes once the appends
/// since the last one add up to <see cref="SnapshotRatio"/> times that: its cost per change is then a fixed share of the
/// change's own bytes, whatever the grain has accumulated, and replay reads at most (1 + ratio) times the state.
/// <see cref="MaxAppends"/> bounds the number of records replay reads (Azure reads an append blob block by block).
/// </summary>
public sealed class CompactionPolicy
{
    /// <summary>Bytes appended since the last snapshot, as a multiple of its size, that make the next write a snapshot.</summary>
    public double SnapshotRatio { get; set; } = 4;

    /// <summary>Appended bytes below which a small journal is never compacted for its size alone.</summary>
    public long MinAppendedBytes { get; set; } = 64 * 1024;

    /// <summary>Appends since the last snapshot that make the next write a snapshot, however small they are.</summary>
    public int MaxAppends { get; set; } = 1_000;

    public bool IsDue(int appends, long appendedBytes, long snapshotBytes) =>
        appends >= MaxAppends || appendedBytes >= Math.Max(MinAppendedBytes, SnapshotRatio * snapshotBytes);
}
