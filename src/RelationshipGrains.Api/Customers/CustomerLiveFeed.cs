using Microsoft.AspNetCore.Http;
using RelationshipGrains.Api.Live;
using RelationshipGrains.Customers;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Customers;

/// <summary>The customer's timeline as server-sent events of type <c>timeline-entry</c>.</summary>
internal static class CustomerLiveFeed
{
    public const string EventType = "timeline-entry";

    public static IResult Stream(string id, long? after, HttpRequest request, IGrainFactory grains)
    {
        var customer = grains.Customer(id);
        return LiveFeed.Stream<TimelineEntry>(request, after, EventType, e => e.Sequence, customer.WatchTimelineAsync);
    }
}
