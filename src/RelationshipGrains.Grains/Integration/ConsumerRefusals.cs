using System.Net;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Grains.Integration;

/// <summary>Failures of a consumer that trying the same event again cannot change, as against ones that may pass.</summary>
public static class ConsumerRefusals
{
    /// <summary>
    /// Invalid, not found or conflicting, ours or a back-office system's (a 4xx answer): the event goes with an error
    /// log, where a failure that may pass keeps it for another attempt. A back-office system's 401, 403 and 404 may
    /// pass: they say our key or its address is wrong (an expired key, a moved endpoint), which an operator fixes,
    /// and as refusals they dropped the orders of chains committed meanwhile. So may 408 and 429.
    /// </summary>
    public static bool Is(Exception failure) => failure switch
    {
        AggregateException { InnerExceptions.Count: 1 } single => Is(single.InnerExceptions[0]),
        RelationshipValidationException or RelationshipNotFoundException or RelationshipConflictException => true,
        HttpRequestException { StatusCode: { } status } => (int)status is >= 400 and < 500 && status is not (
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
            or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
        _ => false,
    };
}
