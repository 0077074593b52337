namespace RelationshipGrains.Integration.Erp;

/// <summary>What we ask the ERP to make or deliver for one slot of a committed value chain.</summary>
public sealed record ErpOrder(string OrderReference, string ValueChainId, string Role, string PartnerId, decimal Price, string Currency, int LeadTimeDays);
