using Orleans.Journaling;
using RelationshipGrains.Customers;

namespace RelationshipGrains.Benchmarks.Floor;

/// <summary>
/// The entry our customer grain builds, added to a journaled list and written, with none of what our write adds:
/// no validation, idempotency record, outbox event, window bound, metrics or call filters of its own.
/// </summary>
public sealed class JournalFloorGrain(IDurableStateManager journal, TimeProvider time) : Grain, IJournalFloorGrain
{
    private readonly IDurableList<TimelineEntry> _timeline = journal.GetOrAddList<TimelineEntry>("timeline");

    public async Task<RecordResult> AppendAsync(RecordInteraction interaction)
    {
        var now = time.GetUtcNow();
        var entry = new TimelineEntry(_timeline.Count + 1, interaction.InteractionId, TimelineEntryKind.Interaction, now, now,
            interaction.Author!, interaction.Channel, interaction.Direction, interaction.Text);
        _timeline.Add(entry);
        await journal.WriteStateAsync();
        return new RecordResult(entry, Created: true);
    }
}
