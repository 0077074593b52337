namespace RelationshipGrains.Webhooks;

/// <summary>Where and how to deliver one event: for the silo's dispatcher only, since it carries the secret.</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="Url">Where to deliver.</param>
/// <param name="Secret">The secret to sign the delivery with.</param>
/// <param name="PartnerId">The partner the subscription is limited to, or null.</param>
[GenerateSerializer, Immutable, Alias("rg.WebhookTarget")]
public sealed record WebhookTarget(
    [property: Id(0)] string SubscriptionId,
    [property: Id(1)] string Url,
    [property: Id(2)] string Secret,
    [property: Id(3)] string? PartnerId);
