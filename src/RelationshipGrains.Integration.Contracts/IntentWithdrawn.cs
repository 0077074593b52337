namespace RelationshipGrains.Integration.Contracts;

/// <summary>A customer withdrew an intent; partners it was cast to should stop offering.</summary>
public record IntentWithdrawn(string CustomerId, string IntentId, DateTimeOffset WithdrawnAt);
