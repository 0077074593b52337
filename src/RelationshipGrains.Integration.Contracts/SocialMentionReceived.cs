namespace RelationshipGrains.Integration.Contracts;

/// <summary>Inbound: social monitoring saw a known customer mention us.</summary>
public record SocialMentionReceived(string CustomerId, string Network, string Text, string? Url, string? Topic, DateTimeOffset? OccurredAt = null);
