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
        if (_entries.Count == 0)
        {
            try
            {
                // Without an ETag (never read, or deleted by an erasure) storage creates the record only if there is none.
                await WriteAsync([.. entries]);
                return;
            }
            catch (InconsistentStateException)
            {
                // Stored already: by an archive step that stopped half-way, or by this write whose answer was lost.
                await ReadAsync();
            }
        }

        if (_entries.Count == 0)
        {
            // A record left empty by an erasure, now known with its ETag.
            await WriteAsync([.. entries]);
        }
        else if (_entries.Count != entries.Count || _entries[0].Sequence != entries[0].Sequence)
        {
            // Pages are written once: the same page again is the retry of an archive step that stopped half-way.
            throw new InvalidOperationException($"Archive page {this.GetPrimaryKeyString()} already holds different entries.");
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
        await storage.WriteStateAsync(StateName, this.GetGrainId(), written);
        (_entries, _etag, _read) = (entries, written.ETag, true);
    }

    private async Task ReadAsync()
    {
        var read = new GrainState<TimelineArchivePageState>(new TimelineArchivePageState());
        await storage.ReadStateAsync(StateName, this.GetGrainId(), read);
        (_entries, _etag, _read) = (read.State?.Entries ?? [], read.RecordExists ? read.ETag : null, true);
    }
}
