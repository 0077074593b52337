using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using RelationshipGrains.Grains.Webhooks;

namespace RelationshipGrains.Integration.Webhooks;

/// <summary>
/// Receivers (by URL: subscriptions to one URL share its receiver, and one made again under an id may point elsewhere)
/// that failed a delivery on this silo a moment ago, and the attempts under way to each. A delivery to a
/// receiver that failed, or that already has <see cref="MaxUnderWay"/> attempts under way, goes straight to its
/// subscription's retry queue instead of trying first: an event's attempts hold one of the bus endpoint's few slots
/// until the slowest answers, and a receiver that did not answer would hold them all for the attempt timeout, one
/// event after another. One delivery tries again once the hold has passed, and a success anywhere on the silo ends it.
/// </summary>
public sealed class FailingReceivers(IOptions<WebhookOptions> options, TimeProvider time)
{
    /// <summary>Attempts under way to one receiver from this silo before more are queued untried.</summary>
    public const int MaxUnderWay = 8;

    private readonly ConcurrentDictionary<string, long> _failedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<int>> _underWay = new(StringComparer.Ordinal);

    /// <summary>
    /// How long a failure holds: the retry schedule's longest wait, and at least an attempt's timeout, so a receiver
    /// that never answers keeps at most one slot busy at a time.
    /// </summary>
    public TimeSpan Hold
    {
        get
        {
            var settings = options.Value;
            var longestWait = settings.WaitAfter(settings.Attempts);
            return longestWait > settings.Timeout ? longestWait : settings.Timeout;
        }
    }

    /// <summary>
    /// Whether a delivery may try the receiver now; when true, the caller reports the outcome to <see cref="Finished"/>.
    /// </summary>
    public bool TryStart(string receiverUrl)
    {
        var underWay = _underWay.GetOrAdd(receiverUrl, _ => new StrongBox<int>());
        if (Interlocked.Increment(ref underWay.Value) > MaxUnderWay || !MayTry(receiverUrl))
        {
            Interlocked.Decrement(ref underWay.Value);
            return false;
        }

        return true;
    }

    /// <summary>An attempt begun by <see cref="TryStart"/> ended.</summary>
    public void Finished(string receiverUrl, bool failed)
    {
        if (_underWay.TryGetValue(receiverUrl, out var underWay))
        {
            Interlocked.Decrement(ref underWay.Value);
        }

        if (failed)
        {
            Failed(receiverUrl);
        }
        else
        {
            Answered(receiverUrl);
        }
    }

    /// <summary>True for one caller once a hold has passed (it takes the next hold).</summary>
    private bool MayTry(string receiverUrl)
    {
        while (_failedAt.TryGetValue(receiverUrl, out var failedAt))
        {
            if (time.GetElapsedTime(failedAt) < Hold)
            {
                return false;
            }

            if (_failedAt.TryUpdate(receiverUrl, time.GetTimestamp(), failedAt))
            {
                return true;
            }
        }

        return true;
    }

    private void Failed(string receiverUrl) => _failedAt[receiverUrl] = time.GetTimestamp();

    public void Answered(string receiverUrl) => _failedAt.TryRemove(receiverUrl, out _);
}
