using System.Buffers;
using System.Collections.Concurrent;
using Orleans.Journaling;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Benchmarks.Hosting;

/// <summary>
/// Journals (in memory unless given another storage) that count the bytes every append and snapshot writes, to price a
/// change in bytes: what a window of changes wrote, and its snapshots amortised (<see cref="Window"/>).
/// </summary>
public sealed class CountingJournals : IJournalStorageProvider
{
    private readonly ConcurrentDictionary<JournalId, Journal> _journals = new();

    public CountingJournals()
    {
        Memory = new(Policy);
        Inner = Memory;
    }

    /// <summary>The storage the journals are kept in, <see cref="Memory"/> unless a scenario sets another.</summary>
    public IJournalStorageProvider Inner { get; set; }

    /// <summary>The journals' compaction policy, shared by every journal: a scenario may change it between measurements.</summary>
    public CompactionPolicy Policy { get; } = new();

    public MemoryJournalStorageProvider Memory { get; }

    public IJournalStorage CreateStorage(JournalId journalId) =>
        new Counting(Inner.CreateStorage(journalId), _journals.GetOrAdd(journalId, _ => new Journal()));

    /// <summary>Starts a window of changes whose bytes <see cref="Window"/> then prices.</summary>
    public void StartWindow()
    {
        foreach (var journal in _journals.Values)
        {
            journal.StartWindow();
        }
    }

    /// <summary>
    /// What the journals wrote since <see cref="StartWindow"/>. A snapshot replaces every append since the previous one,
    /// so its cost belongs to them all: a window shorter than the appends between two snapshots met the whole of one or
    /// none of it, and the first change after a fill paid the snapshot the fill's appends had made due. Amortised, each
    /// snapshot is charged to the window in the share of the bytes it replaced that the window appended. Appends that no
    /// snapshot has replaced yet when the window ends are charged nothing here: their share falls to a later snapshot,
    /// and <see cref="WindowBytes.AwaitingSnapshot"/> says how many they were.
    /// </summary>
    public WindowBytes Window()
    {
        var window = new WindowBytes(0, 0, 0, 0);
        foreach (var journal in _journals.Values)
        {
            window = window.Add(journal.Window());
        }

        return window;
    }

    /// <param name="Appended">Bytes appended in the window.</param>
    /// <param name="Snapshots">Bytes of the snapshots written in the window.</param>
    /// <param name="AmortisedSnapshots">The window's share of the snapshots written in it.</param>
    /// <param name="AwaitingSnapshot">Bytes the window appended that no snapshot has replaced yet.</param>
    public readonly record struct WindowBytes(long Appended, long Snapshots, double AmortisedSnapshots, long AwaitingSnapshot)
    {
        public WindowBytes Add(WindowBytes other) => new(Appended + other.Appended, Snapshots + other.Snapshots,
            AmortisedSnapshots + other.AmortisedSnapshots, AwaitingSnapshot + other.AwaitingSnapshot);
    }

    /// <summary>One journal's bytes since its last snapshot and in the window. Its grain writes one change at a time.</summary>
    private sealed class Journal
    {
        private readonly Lock _lock = new();
        private long _sinceSnapshot;
        private long _sinceSnapshotInWindow;
        private WindowBytes _window;

        public void StartWindow()
        {
            lock (_lock)
            {
                _sinceSnapshotInWindow = 0;
                _window = default;
            }
        }

        public void Appended(long bytes)
        {
            lock (_lock)
            {
                _sinceSnapshot += bytes;
                _sinceSnapshotInWindow += bytes;
                _window = _window with { Appended = _window.Appended + bytes };
            }
        }

        public void Snapshotted(long bytes)
        {
            lock (_lock)
            {
                // A snapshot that replaced no appends (a journal's first write) is charged whole.
                var charged = _sinceSnapshot == 0 ? bytes : (double)bytes * _sinceSnapshotInWindow / _sinceSnapshot;
                _window = _window with { Snapshots = _window.Snapshots + bytes, AmortisedSnapshots = _window.AmortisedSnapshots + charged };
                _sinceSnapshot = 0;
                _sinceSnapshotInWindow = 0;
            }
        }

        public WindowBytes Window()
        {
            lock (_lock)
            {
                return _window with { AwaitingSnapshot = _sinceSnapshotInWindow };
            }
        }
    }

    private sealed class Counting(IJournalStorage inner, Journal journal) : IJournalStorage
    {
        public bool IsCompactionRequested => inner.IsCompactionRequested;

        public ValueTask ReadAsync(IJournalStorageConsumer consumer, CancellationToken cancellationToken) => inner.ReadAsync(consumer, cancellationToken);

        public ValueTask AppendAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
        {
            journal.Appended(value.Length);
            return inner.AppendAsync(value, cancellationToken);
        }

        public ValueTask ReplaceAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
        {
            journal.Snapshotted(value.Length);
            return inner.ReplaceAsync(value, cancellationToken);
        }

        public ValueTask DeleteAsync(CancellationToken cancellationToken) => inner.DeleteAsync(cancellationToken);
    }
}
