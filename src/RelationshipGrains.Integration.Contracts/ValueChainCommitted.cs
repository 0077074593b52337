namespace RelationshipGrains.Integration.Contracts;

/// <summary>A customer committed a value chain; the ERP places an order per slot.</summary>
public record ValueChainCommitted(string ValueChainId, string CustomerId, string Title, IReadOnlyList<CommittedSlot> Slots, DateTimeOffset CommittedAt);
