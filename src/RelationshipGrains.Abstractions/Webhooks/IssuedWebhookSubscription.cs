namespace RelationshipGrains.Webhooks;

/// <summary>A new (or renewed) subscription with its signing secret, which is never shown again.</summary>
/// <param name="Subscription">The subscription as stored.</param>
/// <param name="Secret">The secret deliveries are signed with (<c>rgwh_</c> and 43 more characters); a renewal issues a new one.</param>
[GenerateSerializer, Immutable, Alias("rg.IssuedWebhookSubscription")]
public sealed record IssuedWebhookSubscription(
    [property: Id(0)] WebhookSubscription Subscription,
    [property: Id(1)] string Secret);
