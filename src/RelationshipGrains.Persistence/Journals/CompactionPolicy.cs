namespace RelationshipGrains.Persistence.Journals;

/// <summary>
/// When a journal is rewritten as a snapshot. Replay reads the snapshot and every append after it, so bounding the
/// appends bounds activation; a snapshot costs what the state holds, so doing it every few hundred appends amortises
/// it to a few per cent of the appends' cost.
/// </summary>
public sealed class CompactionPolicy
{
    /// <summary>Appends after the last snapshot that make the next write a snapshot.</summary>
    public int MaxAppends { get; set; } = 256;

    /// <summary>Bytes appended after the last snapshot that make the next write a snapshot.</summary>
    public long MaxAppendedBytes { get; set; } = 4 * 1024 * 1024;

    public bool IsDue(int appends, long appendedBytes) => appends >= MaxAppends || appendedBytes >= MaxAppendedBytes;
}
