namespace RelationshipGrains.Integration.Erp;

/// <summary>
/// What we ask the ERP to cancel: the order placed for one slot of a value chain its owner cancelled. Only what both
/// senders know (the chain's event and the order's side, which finds the chain cancelled after placing the order), so
/// the same idempotency key always carries the same body; the owner's reason stays with us.
/// </summary>
public sealed record ErpOrderCancellation(string OrderReference, string ValueChainId, string Role, string PartnerId);
