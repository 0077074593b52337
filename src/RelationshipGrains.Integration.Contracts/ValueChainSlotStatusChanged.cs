namespace RelationshipGrains.Integration.Contracts;

/// <summary>
/// A slot's fulfilment moved on (accepted, in-production, shipped, delivered, failed); <c>ChainStatus</c> is the
/// chain's status after the move (completed once every slot is delivered). Values are spelled as in the HTTP API.
/// </summary>
public record ValueChainSlotStatusChanged(string ValueChainId, string CustomerId, string Role, string PartnerId, string Status,
    DateTimeOffset ChangedAt, string ChainStatus);
