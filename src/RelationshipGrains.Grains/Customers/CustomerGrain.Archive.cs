using Microsoft.Extensions.Logging;
using RelationshipGrains.Customers;

namespace RelationshipGrains.Grains.Customers;

public sealed partial class CustomerGrain
{
    private static readonly TimeSpan FirstArchivePause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestArchivePause = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Archiving under way, made by a customer's first archiving: most customers never fill a window, and these five
    /// fields would have added 40 bytes to every activation.
    /// </summary>
    private sealed class Archiving
    {
        /// <summary>The pages being stored after a change, if any; nothing awaits them but an erasure and the deactivation.</summary>
        public Task? Storing;

        /// <summary>The last sequence of the pages being stored: those entries count as archived, and keep their status.</summary>
        public long StoringThrough;

        /// <summary>The last sequence of the pages stored that the window still holds, trimmed by the next write.</summary>
        public long StoredThrough;

        public DateTimeOffset RetryAt;
        public int Failures;
    }

    private Archiving? _archiving;

    /// <summary>Pages one background run stores at most.</summary>
    private const int PagesPerRun = 8;

    /// <summary>The last sequence counted as archived, in the window or not.</summary>
    private long ArchivingThrough => _archiving?.StoringThrough ?? 0;

    /// <summary>
    /// Moves whole pages out of the window whenever it holds more than the window size, so memory never holds more.
    /// Called after a change is written, it starts storing the next pages without waiting, and the next write trims the
    /// window of them: the caller's change is durable already, and on Azure every hundredth call of a conversation
    /// waited for a page of a hundred entries as well as its own append. Each page is stored before the window is
    /// trimmed of it, and storing a page twice is harmless, so a crash between the two steps loses and duplicates
    /// nothing. A failure is logged and tried again after a pause that doubles with each failure (1 s to 5 min): while
    /// archive storage is out, writes go on at their usual cost and the window grows.
    /// </summary>
    private Task ArchiveIfFullAsync()
    {
        if (_archiving?.Storing is { } storing)
        {
            // A page's worth of entries came while the last pages were being stored: this change waits for them, so
            // pages stored slower than the conversation goes cannot let the window grow without bound.
            return State.Timeline.Count > _options.WindowSize + State.Profile.ArchivePageSize ? storing : Task.CompletedTask;
        }

        if (State.Timeline.Count <= _options.WindowSize || _archiving is { } paused && time.GetUtcNow() < paused.RetryAt)
        {
            return Task.CompletedTask;
        }

        if (State.Profile.ArchivePageSize == 0)
        {
            // Not written yet (a journal of an earlier version): the next write holds it, and pages wait for that.
            KeepArchivePageSize();
            return Task.CompletedTask;
        }

        var pageSize = State.Profile.ArchivePageSize;
        // Pages stored whose trim waits for the next write are not stored again: they end on a page's last entry.
        var from = _archiving is { StoredThrough: > 0 } stored ? (int)Math.Max(0, stored.StoredThrough - WindowStart + 1) : 0;
        List<List<TimelineEntry>> pages = [];
        // Never the whole window, even with a page fixed larger than a window set smaller since: the last entry
        // gives the customer its last sequence. At most PagesPerRun, so a deactivation or an erasure after an outage
        // waits for a few pages, not for the whole backlog.
        for (var left = State.Timeline.Count - from; left > _options.WindowSize && left > pageSize && pages.Count < PagesPerRun; left -= pageSize)
        {
            pages.Add([.. State.Timeline.Skip(from + pages.Count * pageSize).Take(pageSize)]);
        }

        if (pages.Count > 0)
        {
            var archiving = _archiving ??= new Archiving();
            archiving.StoringThrough = pages[^1][^1].Sequence;
            var started = StorePagesAsync(archiving, pages, pageSize);
            archiving.Storing = started.IsCompleted ? null : started;
        }

        return Task.CompletedTask;
    }

    private async Task StorePagesAsync(Archiving archiving, List<List<TimelineEntry>> pages, int pageSize)
    {
        try
        {
            foreach (var page in pages)
            {
                await ArchivePage((page[0].Sequence - 1) / pageSize).StoreAsync(page);
                archiving.StoredThrough = page[^1].Sequence;
            }

            archiving.Failures = 0;
        }
        catch (Exception e)
        {
            archiving.StoringThrough = archiving.StoredThrough;
            var pause = Backoff.Pause(FirstArchivePause, LongestArchivePause, archiving.Failures++);
            archiving.RetryAt = time.GetUtcNow() + pause;
            LogArchiveFailed(logger, e, CustomerId, pause);
        }
        finally
        {
            archiving.Storing = null;
        }
    }

    /// <summary>
    /// Removes the stored pages' entries from the window, before each write. Each removal journals a few bytes, written
    /// with the change rather than on their own: a trim lost with the activation is the crash the archive already
    /// survives (the page is stored again, harmlessly), and a write of its own cost every page a storage request.
    /// </summary>
    private void TrimArchivedEntries()
    {
        var storedThrough = _archiving?.StoredThrough ?? 0;
        var trimmed = 0;
        while (trimmed < State.Timeline.Count && State.Timeline[trimmed].Sequence <= storedThrough)
        {
            trimmed++;
        }

        if (trimmed == 0)
        {
            return;
        }

        // Waiting events built from these entries are stored whole first: a grain builds them from its window only.
        Outbox.StoreWhole(sequence => sequence <= storedThrough);
        for (var i = 0; i < trimmed; i++)
        {
            State.Timeline.RemoveAt(0);
        }

        ForgetOldEntryIds();
    }

    /// <summary>
    /// Fixes the page size, which numbers every page, in the change that first overflows the window: pages are stored
    /// after a write, so the size is in storage before the first of them. Fixed after that write, it was written with
    /// the next change, and an activation lost in between left pages numbered by a size the journal did not hold: the
    /// next activation numbered pages by the size configured since, and an erasure missed the pages of the old one.
    /// </summary>
    private void KeepArchivePageSize()
    {
        if (State.Profile.ArchivePageSize == 0 && State.Timeline.Count > _options.WindowSize)
        {
            State.Profile = State.Profile with { ArchivePageSize = _options.PageSize };
        }
    }

    /// <summary>Lets the pages being stored finish (a failure waits for a later change).</summary>
    private async Task FinishArchivingAsync()
    {
        if (_archiving?.Storing is { } storing)
        {
            await storing;
        }
    }

    private void ForgetOldEntryIds() => State.ForgetEntryIdsThrough(State.LastSequence - _options.IdempotencyWindow, _options.SubjectsKept);

    private ITimelineArchivePageGrain ArchivePage(long pageNumber) =>
        GrainFactory.GetGrain<ITimelineArchivePageGrain>($"{CustomerId}/{pageNumber}");

    /// <summary>Reads entries by sequence from the window or, for older ones, from archive pages (each fetched once).</summary>
    private sealed class TimelineReader(CustomerGrain grain)
    {
        private Dictionary<long, IReadOnlyList<TimelineEntry>>? _pages;

        /// <summary>
        /// A value task: most reads hit the window and complete at once, and a task for each entry was half of what
        /// reading a page of 20 allocated.
        /// </summary>
        public async ValueTask<TimelineEntry> AtAsync(long sequence)
        {
            var state = grain.State;
            var windowStart = grain.WindowStart;
            if (sequence >= windowStart)
            {
                return state.Timeline[(int)(sequence - windowStart)];
            }

            var pageSize = state.Profile.ArchivePageSize;
            var pageNumber = (sequence - 1) / pageSize;
            _pages ??= [];
            if (!_pages.TryGetValue(pageNumber, out var page))
            {
                page = _pages[pageNumber] = await grain.ArchivePage(pageNumber).GetAsync();
            }

            var index = (int)((sequence - 1) % pageSize);
            return index < page.Count
                ? page[index]
                : throw new InvalidOperationException($"Archive page {pageNumber} of customer {grain.CustomerId} is missing entry {sequence}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archiving the timeline of customer {CustomerId} failed; writes go on and archiving is tried again after {Pause}.")]
    private static partial void LogArchiveFailed(ILogger logger, Exception exception, string customerId, TimeSpan pause);
}
