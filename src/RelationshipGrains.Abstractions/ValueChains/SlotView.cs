namespace RelationshipGrains.ValueChains;

/// <summary>A slot as the viewer may see it: a partner sees only its own offer and whether it holds the slot.</summary>
/// <param name="Role">The slot's role.</param>
/// <param name="Requirements">What the role must deliver, or null.</param>
/// <param name="Constraints">What an accepted offer must meet.</param>
/// <param name="InvitedPartners">The partners invited to offer; a partner sees only itself.</param>
/// <param name="Offers">The offers made; a partner sees only its own.</param>
/// <param name="AcceptedPartnerId">The partner whose offer is accepted, or null; a partner sees only itself here.</param>
/// <param name="Fulfilment">Where the accepted partner is with its part; a partner not holding the slot sees pending.</param>
[GenerateSerializer, Immutable, Alias("rg.SlotView")]
public sealed record SlotView(
    [property: Id(0)] string Role,
    [property: Id(1)] string? Requirements,
    [property: Id(2)] SlotConstraints Constraints,
    [property: Id(3)] IReadOnlyList<string> InvitedPartners,
    [property: Id(4)] IReadOnlyList<SlotOffer> Offers,
    [property: Id(5)] string? AcceptedPartnerId,
    [property: Id(6)] FulfilmentStatus Fulfilment);
