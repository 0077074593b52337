namespace RelationshipGrains.Integration.Contracts;

/// <summary>A partner moved the fulfilment of its slot on (Accepted, InProduction, Shipped, Delivered, Failed).</summary>
public record ValueChainSlotStatusChanged(string ValueChainId, string CustomerId, string Role, string PartnerId, string Status, DateTimeOffset ChangedAt);
