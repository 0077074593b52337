namespace RelationshipGrains.Integration.Contracts;

/// <summary>
/// Inbound: the ERP moved the order it holds for one slot of a value chain (accepted, in-production, shipped, delivered,
/// failed, or cancelled). A later step may skip one; a step the slot has passed, or a failure older than its last
/// news, changes nothing.
/// </summary>
public record ErpOrderStatusChanged(string ValueChainId, string Role, string PartnerId, string ErpOrderId, string Status,
    string? Note, DateTimeOffset? OccurredAt = null);
