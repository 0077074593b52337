using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RelationshipGrains.Grains.Webhooks;

namespace RelationshipGrains.Integration.Webhooks;

/// <summary>
/// Receivers that failed a delivery on this silo a moment ago. Deliveries to them go straight to their subscription's
/// retry queue instead of trying first: a receiver that does not answer held an endpoint's slot for the whole attempt
/// timeout per event. One delivery tries again once the hold has passed, and a success anywhere on the silo ends it.
/// </summary>
public sealed class FailingReceivers(IOptions<WebhookOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _failedAt = new(StringComparer.Ordinal);

    /// <summary>
    /// How long a failure holds: the retry schedule's longest wait, and at least an attempt's timeout, so a receiver
    /// that never answers keeps at most one slot busy at a time.
    /// </summary>
    public TimeSpan Hold
    {
        get
        {
            var settings = options.Value;
            var longestWait = settings.FirstRetryDelay * Math.Pow(2, Math.Max(0, settings.Attempts - 2));
            return longestWait > settings.Timeout ? longestWait : settings.Timeout;
        }
    }

    /// <summary>Whether a delivery may try the receiver now; true for one caller once a hold has passed (it takes the next hold).</summary>
    public bool MayTry(string subscriptionId)
    {
        while (_failedAt.TryGetValue(subscriptionId, out var failedAt))
        {
            if (time.GetElapsedTime(failedAt) < Hold)
            {
                return false;
            }

            if (_failedAt.TryUpdate(subscriptionId, time.GetTimestamp(), failedAt))
            {
                return true;
            }
        }

        return true;
    }

    public void Failed(string subscriptionId) => _failedAt[subscriptionId] = time.GetTimestamp();

    public void Answered(string subscriptionId) => _failedAt.TryRemove(subscriptionId, out _);
}
