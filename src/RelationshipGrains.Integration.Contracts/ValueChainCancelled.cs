namespace RelationshipGrains.Integration.Contracts;

/// <summary>A customer cancelled a value chain.</summary>
public record ValueChainCancelled(string ValueChainId, string CustomerId, string? Reason, bool WasCommitted, DateTimeOffset CancelledAt);
