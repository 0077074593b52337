using Orleans.Journaling;
using RelationshipGrains.Errors;
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

    /// <summary>The message each delivery id came with (its digest), and until when a claim holds it.</summary>
    private Dictionary<string, (string Content, DateTimeOffset Until)>? _byDelivery;

    public Task<string> ClaimAsync(string signature, string deliveryId) => ClaimAsync(signature, deliveryId, content: "");

    public async Task<string> ClaimAsync(string signature, string deliveryId, string content)
    {
        var now = time.GetUtcNow();
        var bySignature = _bySignature ??= _claims.ToDictionary(c => c.Signature, c => c.DeliveryId, StringComparer.Ordinal);
        var byDelivery = _byDelivery ??= Contents();
        while (_claims.TryPeek(out var oldest) && oldest.Until <= now)
        {
            var gone = _claims.Dequeue();
            bySignature.Remove(gone.Signature);
            if (byDelivery.TryGetValue(gone.DeliveryId, out var held) && held.Until <= now)
            {
                byDelivery.Remove(gone.DeliveryId);
            }
        }

        if (bySignature.TryGetValue(signature, out var first))
        {
            return first;
        }

        if (content.Length > 0 && byDelivery.TryGetValue(deliveryId, out var earlier) && earlier.Content.Length > 0 && earlier.Content != content)
        {
            throw new RelationshipConflictException(
                $"Delivery id '{deliveryId}' came with a different message in the last {IInboundDeliveriesGrain.Window.TotalMinutes:0} minutes; give each message a delivery id of its own.");
        }

        // Written with the expired ones' removal before the answer: the message is then named by this delivery id.
        var until = now + IInboundDeliveriesGrain.Window;
        _claims.Enqueue(new InboundDelivery(signature, deliveryId, until, content));
        bySignature[signature] = deliveryId;
        byDelivery[deliveryId] = (content.Length > 0 ? content : byDelivery.GetValueOrDefault(deliveryId).Content ?? "", until);
        await journal.WriteOrRetireAsync(this);
        return deliveryId;
    }

    private Dictionary<string, (string, DateTimeOffset)> Contents()
    {
        var contents = new Dictionary<string, (string, DateTimeOffset)>(StringComparer.Ordinal);
        foreach (var claim in _claims)
        {
            contents[claim.DeliveryId] = (claim.Content ?? "", claim.Until);
        }

        return contents;
    }
}

/// <summary>
/// A signature, the delivery id it first came with, when it can no longer pass the signature check, and a digest of
/// its message (empty for claims made before digests were kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.InboundDelivery")]
public sealed record InboundDelivery(
    [property: Id(0)] string Signature, [property: Id(1)] string DeliveryId, [property: Id(2)] DateTimeOffset Until, [property: Id(3)] string? Content = null);
