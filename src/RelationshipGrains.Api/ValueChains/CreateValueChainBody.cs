using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Api.ValueChains;

/// <summary>A new value chain; the customer is in the route, the chain id is chosen by the caller (so a retry is safe).</summary>
public sealed record CreateValueChainBody(string ValueChainId, string Title, IReadOnlyList<SlotDefinition>? Slots = null);
