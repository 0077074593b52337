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

    /// <summary>
    /// The same, refusing a delivery id that came within the window with a different message: its message id would
    /// make the second message look like a redelivery of the first, and the second would be acknowledged and dropped.
    /// </summary>
    /// <param name="signature">The message's signature, the one valid form of it (lower-case hex, as checked).</param>
    /// <param name="deliveryId">The delivery id the message came with now.</param>
    /// <param name="content">A digest of the message as read: a retry signed again at another second has the same.</param>
    /// <returns>The delivery id to de-duplicate the message by.</returns>
    /// <exception cref="Errors.RelationshipConflictException">The delivery id came with another message.</exception>
    [Alias("ClaimChecked")]
    Task<string> ClaimAsync(string signature, string deliveryId, string content);
}
