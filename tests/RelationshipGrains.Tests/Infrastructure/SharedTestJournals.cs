using System.Buffers;
using System.Text;
using Orleans.Journaling;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>
/// Journals shared by every silo of an in-process cluster (so a journal outlives its silo), compacted often so
/// ordinary tests cross compactions, and told to fail writes when a test asks.
/// </summary>
public sealed class SharedTestJournals : IJournalStorageProvider
{
    public const int AppendsBetweenSnapshots = 16;

    private volatile bool _failWrites;

    public MemoryJournalStorageProvider Memory { get; } = new(
        Microsoft.Extensions.Options.Options.Create(new JournaledStateManagerOptions { JournalFormatKey = "orleans-binary" }),
        new ForcedCompactions(), new CompactionPolicy { MaxAppends = AppendsBetweenSnapshots });

    public bool FailWrites
    {
        get => _failWrites;
        set => _failWrites = value;
    }

    public IJournalStorage CreateStorage(JournalId journalId) => new Failing(Memory.CreateStorage(journalId), this);

    /// <summary>True when the grain's stored journal holds <paramref name="text"/> anywhere, in any record.</summary>
    public bool Holds(GrainId grainId, string text) =>
        Memory.RawBytes(JournalId.FromGrainId(grainId)).AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private sealed class Failing(IJournalStorage inner, SharedTestJournals owner) : IJournalStorage
    {
        public bool IsCompactionRequested => inner.IsCompactionRequested;

        public ValueTask ReadAsync(IJournalStorageConsumer consumer, CancellationToken cancellationToken) => inner.ReadAsync(consumer, cancellationToken);

        public ValueTask AppendAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken) =>
            owner.FailWrites ? throw new IOException("Journal writes are failing (test).") : inner.AppendAsync(value, cancellationToken);

        public ValueTask ReplaceAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken) =>
            owner.FailWrites ? throw new IOException("Journal writes are failing (test).") : inner.ReplaceAsync(value, cancellationToken);

        public ValueTask DeleteAsync(CancellationToken cancellationToken) => inner.DeleteAsync(cancellationToken);
    }
}
