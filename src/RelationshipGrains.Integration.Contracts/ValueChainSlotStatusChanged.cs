namespace RelationshipGrains.Integration.Contracts;

/// <summary>
/// A slot's fulfilment moved on (Accepted, InProduction, Shipped, Delivered, Failed); <see cref="ChainStatus"/> is the
/// chain's status after the move (Completed once every slot is delivered).
/// </summary>
public record ValueChainSlotStatusChanged(string ValueChainId, string CustomerId, string Role, string PartnerId, string Status,
    DateTimeOffset ChangedAt, string ChainStatus);
