namespace RelationshipGrains.Webhooks;

/// <summary>A webhook subscription as operators see it; the signing secret is shown only when it is issued.</summary>
[GenerateSerializer, Immutable, Alias("rg.WebhookSubscription")]
public sealed record WebhookSubscription(
    [property: Id(0)] string SubscriptionId,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> EventTypes,
    [property: Id(3)] string? PartnerId,
    [property: Id(4)] DateTimeOffset CreatedAt);
