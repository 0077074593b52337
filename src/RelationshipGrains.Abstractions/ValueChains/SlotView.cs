namespace RelationshipGrains.ValueChains;

/// <summary>A slot as the viewer may see it: a partner sees only its own offer and whether it holds the slot.</summary>
[GenerateSerializer, Immutable, Alias("rg.SlotView")]
public sealed record SlotView(
    [property: Id(0)] string Role,
    [property: Id(1)] string? Requirements,
    [property: Id(2)] SlotConstraints Constraints,
    [property: Id(3)] IReadOnlyList<string> InvitedPartners,
    [property: Id(4)] IReadOnlyList<SlotOffer> Offers,
    [property: Id(5)] string? AcceptedPartnerId,
    [property: Id(6)] FulfilmentStatus Fulfilment);
