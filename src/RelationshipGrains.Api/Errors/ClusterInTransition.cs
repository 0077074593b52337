using Orleans.Runtime.Messaging;
using Orleans.Storage;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Api.Errors;

/// <summary>
/// Failures that say the cluster is between two states, not that the request is wrong: a silo died and is not yet
/// declared dead (calls to it time out or are rejected), or an activation lost its journal to a newer one and is being
/// replaced. Each clears by itself within the failure-detection time, so the caller is told to come back.
/// </summary>
public static class ClusterInTransition
{
    public const int RetryAfterSeconds = 2;

    public static Exception Translate(Exception exception) => exception switch
    {
        TimeoutException or OrleansMessageRejectionException or SiloUnavailableException or ConnectionFailedException
            or InconsistentStateException =>
            new RelationshipUnavailableException("The cluster is moving this data between silos (one left or failed); send the request again shortly.",
                RetryAfterSeconds, exception),
        _ => exception,
    };
}
