namespace RelationshipGrains.Integration.Contracts;

/// <summary>A customer withdrew an intent; partners it was cast to should stop offering.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="IntentId">The intent withdrawn.</param>
/// <param name="WithdrawnAt">When.</param>
/// <param name="PartnerIds">The partners it was cast to: a partner's webhook gets the event through them.</param>
public record IntentWithdrawn(string CustomerId, string IntentId, DateTimeOffset WithdrawnAt, IReadOnlyList<string>? PartnerIds = null);
