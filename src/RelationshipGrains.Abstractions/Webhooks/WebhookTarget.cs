namespace RelationshipGrains.Webhooks;

/// <summary>Where and how to deliver one event: for the silo's dispatcher only, since it carries the secret.</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="Url">Where to deliver.</param>
/// <param name="Secret">The secret to sign the delivery with.</param>
/// <param name="PartnerId">The partner the subscription is limited to, or null.</param>
/// <param name="CreatedAt">When the subscription was made: events raised before it are not delivered to it.</param>
[GenerateSerializer, Immutable, Alias("rg.WebhookTarget")]
public sealed record WebhookTarget(
    [property: Id(0)] string SubscriptionId,
    [property: Id(1)] string Url,
    [property: Id(2)] string Secret,
    [property: Id(3)] string? PartnerId,
    [property: Id(4)] DateTimeOffset? CreatedAt = null)
{
    /// <summary>
    /// Whether an event is for this subscription. A grain publishes an event again after a restart (at least once), and
    /// a subscription made since must not receive what happened before it.
    /// </summary>
    /// <param name="raisedAt">When the event was raised; null when the message does not say, which is delivered.</param>
    public bool Wants(DateTimeOffset? raisedAt) => raisedAt is null || CreatedAt is null || raisedAt >= CreatedAt;
}
