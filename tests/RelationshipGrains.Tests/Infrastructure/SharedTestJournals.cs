using System.Buffers;
using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<JournalId, bool> _failing = new();
    private readonly ConcurrentDictionary<JournalId, int> _writes = new();

    public MemoryJournalStorageProvider Memory { get; } = new(new CompactionPolicy { MaxAppends = AppendsBetweenSnapshots });

    /// <summary>
    /// Fails every write to <paramref name="grainId"/>'s journal until disposed. One grain's only: a flag for every
    /// journal also failed whatever other grains wrote meanwhile (a notice the test's member was sent on joining), and
    /// left them to refuse the test's next calls.
    /// </summary>
    public IDisposable FailWritesTo(GrainId grainId)
    {
        var journal = JournalId.FromGrainId(grainId);
        _failing[journal] = true;
        return new Restore(() => _failing.TryRemove(journal, out _));
    }

    private bool Fails(JournalId journalId) => _failing.ContainsKey(journalId);

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    public IJournalStorage CreateStorage(JournalId journalId) => new Failing(journalId, Memory.CreateStorage(journalId), this);

    private (JournalId Journal, TaskCompletionSource Arrived, TaskCompletionSource Release)? _hold;

    /// <summary>
    /// Holds the next write to <paramref name="grainId"/>'s journal until the returned release is completed (then it
    /// proceeds, or fails if <see cref="FailWritesTo"/> covers it by then); <c>Arrived</c> completes when it is held.
    /// </summary>
    public (Task Arrived, TaskCompletionSource Release) HoldNextWrite(GrainId grainId)
    {
        var hold = (JournalId.FromGrainId(grainId), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _hold = hold;
        return (hold.Item2.Task, hold.Item3);
    }

    private async ValueTask WaitIfHeldAsync(JournalId journalId)
    {
        if (_hold is { } hold && hold.Journal == journalId)
        {
            _hold = null;
            hold.Arrived.TrySetResult();
            await hold.Release.Task;
        }
    }

    /// <summary>Appends and snapshots that reached <paramref name="grainId"/>'s journal, failed ones included.</summary>
    public int Writes(GrainId grainId) => _writes.GetValueOrDefault(JournalId.FromGrainId(grainId));

    private void CountWrite(JournalId journalId) => _writes.AddOrUpdate(journalId, 1, (_, n) => n + 1);

    /// <summary>True when the grain's stored journal holds <paramref name="text"/> anywhere, in any record.</summary>
    public bool Holds(GrainId grainId, string text) =>
        Memory.RawBytes(JournalId.FromGrainId(grainId)).AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private sealed class Failing(JournalId journalId, IJournalStorage inner, SharedTestJournals owner) : IJournalStorage
    {
        public bool IsCompactionRequested => inner.IsCompactionRequested;

        public ValueTask ReadAsync(IJournalStorageConsumer consumer, CancellationToken cancellationToken) => inner.ReadAsync(consumer, cancellationToken);

        public async ValueTask AppendAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
        {
            await owner.WaitIfHeldAsync(journalId);
            owner.CountWrite(journalId);
            if (owner.Fails(journalId))
            {
                throw new IOException("Journal writes are failing (test).");
            }

            await inner.AppendAsync(value, cancellationToken);
        }

        public ValueTask ReplaceAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
        {
            owner.CountWrite(journalId);
            return owner.Fails(journalId) ? throw new IOException("Journal writes are failing (test).") : inner.ReplaceAsync(value, cancellationToken);
        }

        public ValueTask DeleteAsync(CancellationToken cancellationToken) => inner.DeleteAsync(cancellationToken);
    }
}
