namespace RelationshipGrains.Webhooks;

/// <summary>A new (or renewed) subscription with its signing secret, which is never shown again.</summary>
[GenerateSerializer, Immutable, Alias("rg.IssuedWebhookSubscription")]
public sealed record IssuedWebhookSubscription(
    [property: Id(0)] WebhookSubscription Subscription,
    [property: Id(1)] string Secret);
