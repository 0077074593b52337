using Orleans.Concurrency;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Storage;

namespace RelationshipGrains.Grains.Customers;

public sealed class TimelineArchivePageGrain(
    [PersistentState("timeline-page", StorageNames.Relationships)] IPersistentState<TimelineArchivePageState> state)
    : Grain, ITimelineArchivePageGrain
{
    public async Task StoreAsync(IReadOnlyList<TimelineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var stored = state.State.Entries;
        if (stored.Count > 0)
        {
            // Pages are written once: the same page again is the retry of an archive step that stopped half-way.
            if (stored.Count != entries.Count || stored[0].Sequence != entries[0].Sequence)
            {
                throw new InvalidOperationException($"Archive page {this.GetPrimaryKeyString()} already holds different entries.");
            }

            return;
        }

        state.State.Entries = [.. entries];
        await state.WriteOrReloadAsync(this);
    }

    public async Task EraseAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State.Entries = [];
    }

    [ReadOnly]
    public Task<IReadOnlyList<TimelineEntry>> GetAsync() => Task.FromResult<IReadOnlyList<TimelineEntry>>(state.State.Entries);
}
