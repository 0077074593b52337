using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Api.Live;

/// <summary>
/// A grain's live feed as server-sent events. Each event's id is its sequence, so a client that reconnects with
/// <c>Last-Event-ID</c> (or <c>?after=</c>) resumes with no gap and no duplicate; when the grain moves to another
/// silo the feed subscribes again from the last event sent.
/// </summary>
internal static class LiveFeed
{
    private static readonly TimeSpan _resubscribeDelay = TimeSpan.FromMilliseconds(200);

    public static IResult Stream<T>(
        HttpRequest request, long? after, string eventType, Func<T, long> sequenceOf, Func<long, CancellationToken, IAsyncEnumerable<T>> subscribe)
    {
        var from = ResumePoint(request.Headers["Last-Event-ID"].ToString(), after);

        // A feed also ends when the silo stops: left open, each held the stop for Kestrel's whole 30 s shutdown timeout,
        // and the stop then gave up on the grains it had not yet deactivated. The subscriber resumes elsewhere by its last id.
        var stopping = request.HttpContext.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var ends = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted, stopping);
        request.HttpContext.Response.RegisterForDispose(ends);
        return new LiveFeedResult<T>(Follow(from, eventType, sequenceOf, subscribe, ends.Token), ends.Token);
    }

    /// <summary>Where a subscriber resumes: after its Last-Event-ID, else after <paramref name="after"/>, else from the start.</summary>
    public static long ResumePoint(HttpRequest request, long? after) => ResumePoint(request.Headers["Last-Event-ID"].ToString(), after);

    private static long ResumePoint(string lastEventId, long? after)
    {
        if (lastEventId.Length > 0)
        {
            return long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                ? sequence
                : throw new RelationshipValidationException("Last-Event-ID", "Last-Event-ID must be the sequence of the last event received.");
        }

        return after is null or >= 0
            ? after ?? 0
            : throw new RelationshipValidationException("after", "after must be 0 or more.");
    }

    private static async IAsyncEnumerable<SseItem<T>> Follow<T>(long after, string eventType, Func<T, long> sequenceOf,
        Func<long, CancellationToken, IAsyncEnumerable<T>> subscribe, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = after;
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = subscribe(last, cancellationToken).GetAsyncEnumerator(cancellationToken);
            var next = Next.Lost;
            try
            {
                while ((next = await NextOrLostAsync(events, cancellationToken)) == Next.Event)
                {
                    last = sequenceOf(events.Current);
                    yield return new SseItem<T>(events.Current, eventType) { EventId = last.ToString(CultureInfo.InvariantCulture) };
                }
            }
            finally
            {
                await DisposeQuietlyAsync(events);
            }

            if (next == Next.Ended)
            {
                yield break;
            }

            await Task.Delay(_resubscribeDelay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private enum Next
    {
        Event,

        /// <summary>The subscription went (the grain moved, its silo stopped): subscribe again from the last id.</summary>
        Lost,

        /// <summary>
        /// The feed's history changed under it (the customer was erased, and sequences start again from 1): the
        /// stream ends instead, since resuming after the last id would skip the new entries below it. A client that
        /// reconnects by that id is told so.
        /// </summary>
        Ended,
    }

    private static async Task<Next> NextOrLostAsync<T>(IAsyncEnumerator<T> events, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync() ? Next.Event : Next.Lost;
        }
        catch (RelationshipConflictException) when (!cancellationToken.IsCancellationRequested)
        {
            return Next.Ended;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not RelationshipValidationException)
        {
            return Next.Lost;
        }
    }

    private static async Task DisposeQuietlyAsync<T>(IAsyncEnumerator<T> events)
    {
        try
        {
            await events.DisposeAsync();
        }
        catch (Exception)
        {
            // The subscription is gone already; there is nothing left to release.
        }
    }
}
