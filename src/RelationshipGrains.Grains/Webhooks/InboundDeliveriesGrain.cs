using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Grains.Webhooks;

/// <summary>
/// Remembers each signature for <see cref="IInboundDeliveriesGrain.Window"/>. Held in memory: a replay needs a captured
/// request, and the window reopens only for the few minutes after this grain's silo fails.
/// </summary>
public sealed class InboundDeliveriesGrain(TimeProvider time) : Grain, IInboundDeliveriesGrain
{
    private readonly Dictionary<string, string> _deliveries = new(StringComparer.Ordinal);
    private readonly Queue<(string Signature, DateTimeOffset Until)> _expiries = new();

    public Task<string> ClaimAsync(string signature, string deliveryId)
    {
        var now = time.GetUtcNow();
        while (_expiries.TryPeek(out var oldest) && oldest.Until <= now)
        {
            _deliveries.Remove(_expiries.Dequeue().Signature);
        }

        if (_deliveries.TryGetValue(signature, out var first))
        {
            return Task.FromResult(first);
        }

        _deliveries[signature] = deliveryId;
        _expiries.Enqueue((signature, now + IInboundDeliveriesGrain.Window));
        return Task.FromResult(deliveryId);
    }
}
