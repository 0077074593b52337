using Orleans.Journaling;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Grains.Storage;

public static class JournalExtensions
{
    /// <summary>
    /// Appends everything changed since the last write, as one record batch. With an outbox, its reminder is secured
    /// before and its relay scheduled after. If either fails, the activation holds a change storage does not have
    /// (Orleans Journaling refuses its further writes only when the write itself failed): it is retired at once,
    /// publishes and writes nothing more, and the next call replays only what storage acknowledged. Otherwise a
    /// retry of the same request would find its id in memory and be acknowledged without ever being stored.
    /// <paramref name="written"/> runs once the write succeeded, after the relay is scheduled: a static lambda there saves
    /// the caller an async method of its own around this one (its state machine and a scheduled continuation per write).
    /// </summary>
    public static async Task WriteOrRetireAsync(this IDurableStateManager journal, IGrainBase grain, GrainOutbox? outbox = null,
        Action<IGrainBase>? written = null)
    {
        try
        {
            if (outbox is not null)
            {
                await outbox.BeforeWriteAsync();
            }

            await journal.WriteStateAsync();
        }
        catch
        {
            RetireAfterFailedWrite(grain, outbox);
            throw;
        }

        outbox?.AfterWrite();
        written?.Invoke(grain);
    }

    /// <summary>What <see cref="WriteOrRetireAsync"/> does when the write fails, for a caller that writes the steps out.</summary>
    public static void RetireAfterFailedWrite(IGrainBase grain, GrainOutbox? outbox)
    {
        outbox?.Retire();
        grain.DeactivateOnIdle();
    }

    /// <summary>Appends one record to a grain's log, drops the oldest beyond <paramref name="size"/>, and writes.</summary>
    public static Task AppendBoundedAsync<T>(this IDurableStateManager journal, IGrainBase grain, IDurableQueue<T> log, T record, int size)
    {
        log.Enqueue(record);
        while (log.Count > size)
        {
            log.Dequeue();
        }

        return journal.WriteOrRetireAsync(grain);
    }

    /// <summary>
    /// Empties a grain's log for an erasure and writes the journal again as a snapshot without it, so the earlier records
    /// are gone from storage, not only from the queue. An empty log writes nothing.
    /// </summary>
    public static async Task EraseAsync<T>(this IDurableStateManager journal, IGrainBase grain, IDurableQueue<T> log, ForcedCompactions compactions)
    {
        if (log.Count == 0)
        {
            return;
        }

        log.Clear();
        compactions.Request(grain.GrainContext.GrainId);
        await journal.WriteOrRetireAsync(grain);
    }
}
