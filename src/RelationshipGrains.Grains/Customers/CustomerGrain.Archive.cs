using Microsoft.Extensions.Logging;
using RelationshipGrains.Customers;

namespace RelationshipGrains.Grains.Customers;

public sealed partial class CustomerGrain
{
    private static readonly TimeSpan FirstArchivePause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestArchivePause = TimeSpan.FromMinutes(5);
    private DateTimeOffset _archiveRetryAt;
    private int _archiveFailures;

    /// <summary>
    /// Moves whole pages out of the window whenever it holds more than the window size, so memory never holds more. The page is stored before the window is
    /// trimmed, and storing a page twice is harmless, so a crash between the two steps loses and duplicates nothing.
    /// The change that triggered it is already durable, so a failure here is logged and tried again after a pause that
    /// doubles with each failure (1 s to 5 min): while archive storage is out, writes go on at their usual cost and the
    /// window grows, instead of every write paying a failing call and a logged stack trace.
    /// </summary>
    private async Task ArchiveIfFullAsync()
    {
        if (State.Timeline.Count <= _options.WindowSize || time.GetUtcNow() < _archiveRetryAt)
        {
            return;
        }

        try
        {
            if (State.Profile.ArchivePageSize == 0)
            {
                State.Profile = State.Profile with { ArchivePageSize = _options.PageSize };
            }

            var pageSize = State.Profile.ArchivePageSize;
            // Never the whole window, even with a page fixed larger than a window set smaller since: the last entry
            // gives the customer its last sequence.
            while (State.Timeline.Count > _options.WindowSize && State.Timeline.Count > pageSize)
            {
                var page = State.Timeline.Take(pageSize).ToList();
                await ArchivePage((page[0].Sequence - 1) / pageSize).StoreAsync(page);

                // Each removal journals a few bytes; the page itself went to its own grain above. They are written
                // with the next change rather than on their own: a trim lost with the activation is the crash this
                // method already survives (the page is stored again, harmlessly, and the window trimmed again), and
                // a write of its own cost every page a storage request.
                for (var i = 0; i < pageSize; i++)
                {
                    State.Timeline.RemoveAt(0);
                }

                ForgetOldEntryIds();
            }

            _archiveFailures = 0;
        }
        catch (Exception e)
        {
            var pause = Backoff.Pause(FirstArchivePause, LongestArchivePause, _archiveFailures++);
            _archiveRetryAt = time.GetUtcNow() + pause;
            LogArchiveFailed(logger, e, CustomerId, pause);
        }
    }

    private void ForgetOldEntryIds() => State.ForgetEntryIdsThrough(State.LastSequence - _options.IdempotencyWindow);

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
