using Microsoft.AspNetCore.Http;
using RelationshipGrains.Api.Live;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Customers;

/// <summary>The customer's timeline as server-sent events of type <c>timeline-entry</c>.</summary>
internal static class CustomerLiveFeed
{
    public const string EventType = "timeline-entry";

    public static async Task<IResult> Stream(string customerId, long? after, HttpRequest request, IGrainFactory grains)
    {
        var customer = grains.Customer(customerId);

        // Checked before the stream starts, while an error can still be an answer: resuming past the last entry means
        // the timeline started again (an erasure) since the subscriber's last event, and waiting there would skip the
        // new entries. A browser's EventSource reconnects by its last id and stops at this 409.
        var from = LiveFeed.ResumePoint(request, after);
        var latest = (await customer.GetTimelineAsync(new TimelineQuery(Limit: 1))).LatestSequence;
        if (from > latest)
        {
            throw FeedResumeErrors.TimelineStartedAgain(latest, from);
        }

        return LiveFeed.Stream<TimelineEntry>(request, after, EventType, e => e.Sequence, customer.WatchTimelineAsync);
    }
}
