using Orleans.Journaling;
using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Grains.Storage;

public static class JournalExtensions
{
    /// <summary>
    /// Appends everything changed since the last write, as one record batch. With an outbox, its reminder is secured
    /// before and its relay scheduled after. If the write fails, the activation holds a change storage may not have and
    /// Orleans Journaling refuses its further writes: it is retired at once, so the next call replays only what
    /// storage acknowledged.
    /// </summary>
    public static async Task WriteOrRetireAsync(this IDurableStateManager journal, IGrainBase grain, GrainOutbox? outbox = null)
    {
        if (outbox is not null)
        {
            await outbox.BeforeWriteAsync();
        }

        try
        {
            await journal.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }

        outbox?.AfterWrite();
    }
}
