using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Storage;

namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// Holds its page as a <see cref="DirectRecord{TState}"/>: a page is written by an activation that has never read it,
/// so storing one costs one request (a create that fails if the record exists) instead of a read and then the write.
/// </summary>
public sealed class TimelineArchivePageGrain([FromKeyedServices(StorageNames.Relationships)] IGrainStorage storage)
    : Grain, ITimelineArchivePageGrain
{
    /// <summary>The state's name in storage, as the persistent-state facet stored it before.</summary>
    public const string StateName = "timeline-page";

    private DirectRecord<TimelineArchivePageState>? _record;

    private DirectRecord<TimelineArchivePageState> Page => _record ??= new(storage, StateName, this.GetGrainId());

    private List<TimelineEntry> Entries => Page.State?.Entries ?? [];

    public async Task StoreAsync(IReadOnlyList<TimelineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!Page.Known)
        {
            try
            {
                // Never read (or unsure after a failed write): without an ETag, storage creates the record only if
                // there is none, so a page's first store costs one request.
                await Page.WriteAsync(new TimelineArchivePageState { Entries = [.. entries] });
                return;
            }
            catch (InconsistentStateException)
            {
                // Stored already: by an archive step that stopped half-way, or by this write whose answer was lost.
                await Page.ReadAsync();
            }
        }

        if (!Entries.SequenceEqual(entries))
        {
            // The customer's window is durable and is the page to keep. Anything else here is a page of a timeline
            // erased before erasures counted the pages stored ahead of their trim, which the returning customer's
            // page replaces rather than being taken for it.
            await Page.WriteAsync(new TimelineArchivePageState { Entries = [.. entries] });
        }
    }

    public Task EraseAsync() => Page.ClearAsync();

    [ReadOnly]
    public async Task<IReadOnlyList<TimelineEntry>> GetAsync() => (await Page.GetAsync()).Entries;
}
