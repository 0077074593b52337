namespace RelationshipGrains.Integration.Erp;

/// <summary>What we ask the ERP to cancel: the order placed for one slot of a value chain its owner cancelled.</summary>
public sealed record ErpOrderCancellation(string OrderReference, string ValueChainId, string Role, string PartnerId, string? Reason, DateTimeOffset CancelledAt);
