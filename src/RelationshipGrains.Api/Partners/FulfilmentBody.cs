using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Api.Partners;

/// <summary>A partner's fulfilment report for its slot.</summary>
public sealed record FulfilmentBody(FulfilmentStatus? Status, string? Note = null);
