using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using RelationshipGrains.Customers;

namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// Holds its page through the grain storage directly rather than a persistent-state facet, which reads on every
/// activation: a page is written once, by an activation that has never read it, so storing one costs one request
/// (a create that fails if the record exists) instead of a read that finds nothing and then the write.
/// </summary>
public sealed class TimelineArchivePageGrain([FromKeyedServices(StorageNames.Relationships)] IGrainStorage storage)
    : Grain, ITimelineArchivePageGrain
{
    /// <summary>The state's name in storage, as the persistent-state facet stored it before.</summary>
    public const string StateName = "timeline-page";

    private List<TimelineEntry> _entries = [];
    private string? _etag;
    private bool _read;

    public async Task StoreAsync(IReadOnlyList<TimelineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!_read)
        {
            try
            {
                // Never read (or unsure after a failed write): without an ETag, storage creates the record only if
                // there is none, so a page's first store costs one request.
                await WriteAsync([.. entries]);
                return;
            }
            catch (InconsistentStateException)
            {
                // Stored already: by an archive step that stopped half-way, or by this write whose answer was lost.
                await ReadAsync();
            }
        }

        if (!_entries.SequenceEqual(entries))
        {
            // The customer's window is durable and is the page to keep. Anything else here is a page of a timeline
            // erased before erasures counted the pages stored ahead of their trim, which the returning customer's
            // page replaces rather than being taken for it.
            await WriteAsync([.. entries]);
        }
    }

    public async Task EraseAsync()
    {
        if (!_read)
        {
            await ReadAsync();
        }

        if (_etag is not null)
        {
            var cleared = new GrainState<TimelineArchivePageState>(new TimelineArchivePageState { Entries = _entries }, _etag);
            await storage.ClearStateAsync(StateName, this.GetGrainId(), cleared);
            _etag = cleared.ETag;
        }

        _entries = [];
    }

    [ReadOnly]
    public async Task<IReadOnlyList<TimelineEntry>> GetAsync()
    {
        if (!_read)
        {
            await ReadAsync();
        }

        return _entries;
    }

    private async Task WriteAsync(List<TimelineEntry> entries)
    {
        var written = new GrainState<TimelineArchivePageState>(new TimelineArchivePageState { Entries = entries }, _etag);
        try
        {
            await storage.WriteStateAsync(StateName, this.GetGrainId(), written);
        }
        catch
        {
            // Stored or not (an answer lost), what this activation held may no longer be what storage holds: an
            // erasure that trusted it would skip a page that has words again. The next call reads storage.
            (_entries, _etag, _read) = ([], null, false);
            throw;
        }

        (_entries, _etag, _read) = (entries, written.ETag, true);
    }

    private async Task ReadAsync()
    {
        var read = new GrainState<TimelineArchivePageState>(new TimelineArchivePageState());
        await storage.ReadStateAsync(StateName, this.GetGrainId(), read);
        (_entries, _etag, _read) = (read.State?.Entries ?? [], read.RecordExists ? read.ETag : null, true);
    }
}
