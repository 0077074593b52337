namespace RelationshipGrains.Integration.Contracts;

/// <summary>Inbound: marketing automation touched a customer (status: sent, delivered, opened, clicked, converted, bounced, unsubscribed).</summary>
public record MarketingTouchRecorded(string CustomerId, string CampaignId, string Channel, string Text, string Status, DateTimeOffset? OccurredAt = null);
