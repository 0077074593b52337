using System.Buffers;
using Orleans.Journaling;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Benchmarks.Hosting;

/// <summary>Journals (in memory unless given another storage) that count the bytes every append and snapshot writes, to price a change in bytes.</summary>
public sealed class CountingJournals : IJournalStorageProvider
{
    private long _bytes;
    private long _snapshotBytes;

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

    /// <summary>Bytes of appends and snapshots together.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytes);

    /// <summary>The snapshots' share of <see cref="BytesWritten"/>.</summary>
    public long SnapshotBytesWritten => Interlocked.Read(ref _snapshotBytes);

    public IJournalStorage CreateStorage(JournalId journalId) => new Counting(Inner.CreateStorage(journalId), this);

    private sealed class Counting(IJournalStorage inner, CountingJournals owner) : IJournalStorage
    {
        public bool IsCompactionRequested => inner.IsCompactionRequested;

        public ValueTask ReadAsync(IJournalStorageConsumer consumer, CancellationToken cancellationToken) => inner.ReadAsync(consumer, cancellationToken);

        public ValueTask AppendAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref owner._bytes, value.Length);
            return inner.AppendAsync(value, cancellationToken);
        }

        public ValueTask ReplaceAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref owner._bytes, value.Length);
            Interlocked.Add(ref owner._snapshotBytes, value.Length);
            return inner.ReplaceAsync(value, cancellationToken);
        }

        public ValueTask DeleteAsync(CancellationToken cancellationToken) => inner.DeleteAsync(cancellationToken);
    }
}
