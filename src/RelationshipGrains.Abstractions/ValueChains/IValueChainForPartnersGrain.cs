using RelationshipGrains.Partners;

namespace RelationshipGrains.ValueChains;

/// <summary>
/// The same value chain as <see cref="IValueChainGrain"/> (same key, same activation, and its methods too), as partners reach it through the
/// partner API (partner id first), the ERP reports on their behalf, and a chain is seeded from a partner's offer.
/// Grain clients are refused these methods, and <c>IRelationshipGrains</c> does not hand this interface out.
/// </summary>
[Alias("rg.IValueChainForPartnersGrain")]
public interface IValueChainForPartnersGrain : IValueChainGrain
{
    /// <summary>An invited partner's view.</summary>
    [Alias("GetForPartner")]
    Task<ValueChainView> GetForPartnerAsync(string partnerId);

    /// <summary>An invited partner offers for a slot, replacing its earlier offer there.</summary>
    [Alias("Offer")]
    Task<ValueChainView> OfferAsync(string partnerId, string role, OfferTerms offer);

    /// <summary>The partner holding a committed slot moves its fulfilment one step on (or to Failed).</summary>
    [Alias("UpdateFulfilment")]
    Task<ValueChainView> UpdateFulfilmentAsync(string partnerId, string role, FulfilmentStatus status, string? note);

    /// <summary>
    /// The ERP reports a committed slot's fulfilment (an inbound back-office message). Returns false when the message
    /// was applied before: the chain remembers the latest 1,000 message ids, so a redelivery has no second effect.
    /// </summary>
    [Alias("ApplyErpStatus")]
    Task<bool> ApplyErpStatusAsync(Guid messageId, string role, string partnerId, FulfilmentStatus status, string? note, DateTimeOffset? occurredAt = null);

    /// <summary>Creates a one-slot chain from an accepted intent offer (called by the customer's grain).</summary>
    [Alias("Seed")]
    Task<ValueChainView> SeedAsync(CreateValueChain request, string partnerId, OfferTerms offer);
}
