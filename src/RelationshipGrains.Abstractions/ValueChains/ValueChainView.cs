namespace RelationshipGrains.ValueChains;

/// <summary>
/// A value chain as its viewer may see it. The owner sees everything; a partner sees only the slots it was invited
/// to, only its own offers, and the owner as <c>customerRef</c> (a pseudonym) rather than by id.
/// </summary>
/// <param name="ValueChainId">The chain's id.</param>
/// <param name="CustomerRef">The owner: their customer id in the owner's view, a pseudonym stable for that partner in a partner's.</param>
/// <param name="Title">The chain's title.</param>
/// <param name="Status">Where the chain is in its life.</param>
/// <param name="Slots">The slots the viewer may see.</param>
/// <param name="History">Every acceptance and swap, oldest first; a partner sees only its own.</param>
/// <param name="CreatedAt">When the chain was created.</param>
/// <param name="CommittedAt">When it was committed, or null.</param>
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
