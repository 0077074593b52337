namespace RelationshipGrains.Persistence.Journals;

/// <summary>
/// When a journal is rewritten as one snapshot. A snapshot costs what the state holds, so it comes once the appends
/// since the last one add up to <see cref="SnapshotRatio"/> times that: its cost per change is then a fixed share of the
/// change's own bytes, whatever the grain has accumulated, and replay reads at most (1 + ratio) times the state.
/// A bound on the number of records replay reads is the storage's own (<see cref="IsDue"/>): Azure serves an append
/// blob block by block, each at a fixed cost, while a local file reads at disk speed whatever its records.
/// </summary>
public sealed class CompactionPolicy
{
    /// <summary>
    /// Bytes appended since the last snapshot, as a multiple of its size, that make the next write a snapshot. At 6 a
    /// change to a state of steady size pays at most a sixth more for snapshots (the benchmarks hold growth to a fifth),
    /// and replay reads at most seven times the state. A state that keeps what is appended (a community's posts) also
    /// snapshots what it grew by: the benchmark community's snapshot of some 7,900 posts cost half the appends it replaced.
    /// </summary>
    public double SnapshotRatio { get; set; } = 6;

    /// <summary>Appended bytes below which a small journal is never compacted for its size alone.</summary>
    public long MinAppendedBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Appends since the last snapshot that make the next write a snapshot, however small they are; unset, the
    /// storage's own bound applies. Every append below it makes a large state's snapshot come sooner, so a grain
    /// holding much pays for it on each change.
    /// </summary>
    public int? MaxAppends { get; set; }

    /// <param name="appends">Records appended since the last snapshot.</param>
    /// <param name="appendedBytes">Their bytes.</param>
    /// <param name="snapshotBytes">The last snapshot's bytes (or what the journal held when read).</param>
    /// <param name="storageBound">The storage's own bound on appends between snapshots, if it has one.</param>
    public bool IsDue(int appends, long appendedBytes, long snapshotBytes, int? storageBound = null) =>
        appends >= (MaxAppends ?? storageBound ?? int.MaxValue)
        || appendedBytes >= Math.Max(MinAppendedBytes, SnapshotRatio * snapshotBytes);
}
