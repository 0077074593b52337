namespace RelationshipGrains.Webhooks;

/// <summary>A webhook subscription as operators see it; the signing secret is shown only when it is issued.</summary>
/// <param name="SubscriptionId">The subscription's id.</param>
/// <param name="Url">Where deliveries go.</param>
/// <param name="EventTypes">The event type names it receives, without duplicates.</param>
/// <param name="PartnerId">The partner it is limited to, or null for everything.</param>
/// <param name="CreatedAt">When it was created or last replaced.</param>
[GenerateSerializer, Immutable, Alias("rg.WebhookSubscription")]
public sealed record WebhookSubscription(
    [property: Id(0)] string SubscriptionId,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> EventTypes,
    [property: Id(3)] string? PartnerId,
    [property: Id(4)] DateTimeOffset CreatedAt);
