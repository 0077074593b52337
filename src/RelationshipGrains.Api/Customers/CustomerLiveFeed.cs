using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Api.Customers;

/// <summary>
/// The customer's timeline as server-sent events. Each event's id is the entry's sequence, so a client that
/// reconnects with <c>Last-Event-ID</c> (or <c>?after=</c>) resumes with no gap and no duplicate.
/// </summary>
internal static class CustomerLiveFeed
{
    public const string EventType = "timeline-entry";

    private static readonly TimeSpan _resubscribeDelay = TimeSpan.FromMilliseconds(200);

    public static IResult Stream(string id, long? after, HttpRequest request, IGrainFactory grains)
    {
        var customer = grains.Customer(id);
        var from = ResumePoint(request.Headers["Last-Event-ID"].ToString(), after);
        return new LiveFeedResult<TimelineEntry>(Follow(customer, from, request.HttpContext.RequestAborted));
    }

    private static long ResumePoint(string lastEventId, long? after)
    {
        if (lastEventId.Length > 0)
        {
            return long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                ? sequence
                : throw new RelationshipValidationException("Last-Event-ID", "Last-Event-ID must be the sequence of the last entry received.");
        }

        return after is null or >= 0
            ? after ?? 0
            : throw new RelationshipValidationException("after", "after must be 0 or more.");
    }

    private static async IAsyncEnumerable<SseItem<TimelineEntry>> Follow(
        ICustomerGrain customer, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = after;
        while (!cancellationToken.IsCancellationRequested)
        {
            var entries = customer.WatchTimelineAsync(last, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (await NextOrLostAsync(entries, cancellationToken))
                {
                    last = entries.Current.Sequence;
                    yield return new SseItem<TimelineEntry>(entries.Current, EventType) { EventId = last.ToString(CultureInfo.InvariantCulture) };
                }
            }
            finally
            {
                await DisposeQuietlyAsync(entries);
            }

            // The grain moved (silo stopped, deactivation): subscribe again from the last entry sent.
            await Task.Delay(_resubscribeDelay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task<bool> NextOrLostAsync(IAsyncEnumerator<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        try
        {
            return await entries.MoveNextAsync();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not RelationshipValidationException)
        {
            return false;
        }
    }

    private static async Task DisposeQuietlyAsync(IAsyncEnumerator<TimelineEntry> entries)
    {
        try
        {
            await entries.DisposeAsync();
        }
        catch (Exception)
        {
            // The subscription is gone already; there is nothing left to release.
        }
    }
}
