namespace RelationshipGrains.Webhooks;

/// <summary>
/// The signed inbound messages of one back-office source (keyed by the source's name) that are recent enough to be
/// replayed. The delivery id that de-duplicates a message is not covered by its signature, so a captured request sent
/// again with a new delivery id would be applied twice; the signature is what a replay cannot change. Not for grain
/// clients.
/// </summary>
[Alias("rg.IInboundDeliveriesGrain")]
public interface IInboundDeliveriesGrain : IGrainWithStringKey
{
    /// <summary>
    /// How long a signature is remembered: twice the five minutes a signed timestamp may be from the clock either way,
    /// so no request older than that passes the signature check to be replayed.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>The delivery id a signature first came with, claiming it for <paramref name="deliveryId"/> if none did.</summary>
    /// <param name="signature">The message's signature, the one valid form of it (lower-case hex, as checked).</param>
    /// <param name="deliveryId">The delivery id the message came with now.</param>
    /// <returns>The delivery id to de-duplicate the message by.</returns>
    [Alias("Claim")]
    Task<string> ClaimAsync(string signature, string deliveryId);
}
