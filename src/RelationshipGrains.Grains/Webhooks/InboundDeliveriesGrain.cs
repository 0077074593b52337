using Orleans.Journaling;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Grains.Webhooks;

/// <summary>
/// Remembers each signature for <see cref="IInboundDeliveriesGrain.Window"/>, on its journal: held in memory only, the
/// guard was gone whenever the grain moved (the rebalancer moves grains) or its silo stopped for a deployment.
/// </summary>
public sealed class InboundDeliveriesGrain(IDurableStateManager journal, TimeProvider time) : Grain, IInboundDeliveriesGrain
{
    /// <summary>Oldest first, so the expired ones are always at the front.</summary>
    private readonly IDurableQueue<InboundDelivery> _claims = journal.GetOrAddQueue<InboundDelivery>("claims");

    private Dictionary<string, string>? _bySignature;

    public async Task<string> ClaimAsync(string signature, string deliveryId)
    {
        var now = time.GetUtcNow();
        var bySignature = _bySignature ??= _claims.ToDictionary(c => c.Signature, c => c.DeliveryId, StringComparer.Ordinal);
        while (_claims.TryPeek(out var oldest) && oldest.Until <= now)
        {
            bySignature.Remove(_claims.Dequeue().Signature);
        }

        if (bySignature.TryGetValue(signature, out var first))
        {
            return first;
        }

        // Written with the expired ones' removal before the answer: the message is then named by this delivery id.
        _claims.Enqueue(new InboundDelivery(signature, deliveryId, now + IInboundDeliveriesGrain.Window));
        bySignature[signature] = deliveryId;
        await journal.WriteOrRetireAsync(this);
        return deliveryId;
    }
}

/// <summary>A signature, the delivery id it first came with, and when it can no longer pass the signature check.</summary>
[GenerateSerializer, Immutable, Alias("rg.InboundDelivery")]
public sealed record InboundDelivery([property: Id(0)] string Signature, [property: Id(1)] string DeliveryId, [property: Id(2)] DateTimeOffset Until);
