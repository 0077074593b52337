using System.Buffers;
using Orleans.Journaling;

namespace RelationshipGrains.Benchmarks.Hosting;

/// <summary>Journal storage that keeps nothing, so a memory measurement counts the activations alone, not what storage holds.</summary>
public sealed class DiscardingJournals : IJournalStorageProvider
{
    public IJournalStorage CreateStorage(JournalId journalId) => new Discarding();

    private sealed class Discarding : IJournalStorage
    {
        public bool IsCompactionRequested => false;

        public ValueTask ReadAsync(IJournalStorageConsumer consumer, CancellationToken cancellationToken)
        {
            consumer.Complete(null);
            return ValueTask.CompletedTask;
        }

        public ValueTask AppendAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ReplaceAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DeleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
