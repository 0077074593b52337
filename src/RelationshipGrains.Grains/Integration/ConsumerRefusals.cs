using System.Net;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Grains.Integration;

/// <summary>Failures of a consumer that trying the same event again cannot change, as against ones that may pass.</summary>
public static class ConsumerRefusals
{
    /// <summary>
    /// Invalid, not found or conflicting, ours or a back-office system's (a 4xx answer other than 408 and 429): the
    /// event goes with an error log, where a failure that may pass keeps it for another attempt.
    /// </summary>
    public static bool Is(Exception failure) => failure switch
    {
        AggregateException { InnerExceptions.Count: 1 } single => Is(single.InnerExceptions[0]),
        RelationshipValidationException or RelationshipNotFoundException or RelationshipConflictException => true,
        HttpRequestException { StatusCode: { } status } => (int)status is >= 400 and < 500
            && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
        _ => false,
    };
}
