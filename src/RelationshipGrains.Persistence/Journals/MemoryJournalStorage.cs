using System.Buffers;
using Orleans.Journaling;
using static RelationshipGrains.Persistence.Journals.MemoryJournalStorageProvider;

namespace RelationshipGrains.Persistence.Journals;

/// <summary>One activation's view of a journal held in memory.</summary>
internal sealed class MemoryJournalStorage(
    JournalId id, MemoryJournal journal, string formatKey, ForcedCompactions compactions, CompactionPolicy policy) : IJournalStorage
{
    public bool IsCompactionRequested => compactions.IsRequested(id) || policy.IsDue(journal.Appends, journal.AppendedBytes, journal.SnapshotBytes);

    public ValueTask ReadAsync(IJournalStorageConsumer consumer, CancellationToken cancellationToken)
    {
        var (segments, storedFormat) = journal.Read();
        var metadata = storedFormat is null ? null : new JournalMetadata(storedFormat);
        foreach (var segment in segments)
        {
            consumer.Read(segment.AsMemory(), metadata, complete: false);
        }

        consumer.Complete(metadata);
        return ValueTask.CompletedTask;
    }

    public ValueTask AppendAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
    {
        journal.Append(value, formatKey);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReplaceAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
    {
        var request = compactions.Pending(id);
        journal.Replace(value, formatKey);
        compactions.Done(id, request);
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteAsync(CancellationToken cancellationToken)
    {
        journal.Delete();
        compactions.Done(id);
        return ValueTask.CompletedTask;
    }
}
