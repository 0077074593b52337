namespace RelationshipGrains.ValueChains;

/// <summary>
/// A value chain as its viewer may see it. The owner sees everything; a partner sees only the slots it was invited
/// to, only its own offers, and the owner as <c>customerRef</c> (a pseudonym) rather than by id.
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.ValueChainView")]
public sealed record ValueChainView(
    [property: Id(0)] string ValueChainId,
    [property: Id(1)] string CustomerRef,
    [property: Id(2)] string Title,
    [property: Id(3)] ValueChainStatus Status,
    [property: Id(4)] IReadOnlyList<SlotView> Slots,
    [property: Id(5)] IReadOnlyList<AcceptanceRecord> History,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset? CommittedAt);
