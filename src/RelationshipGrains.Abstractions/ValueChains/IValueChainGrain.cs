using RelationshipGrains.Partners;

namespace RelationshipGrains.ValueChains;

/// <summary>
/// A customer's ad-hoc value chain: slots filled by offers from several partners, reconfigured freely until
/// committed. Key: the chain id. Every call names who is acting; anyone else gets "not found".
/// </summary>
[Alias("rg.IValueChainGrain")]
public interface IValueChainGrain : IGrainWithStringKey
{
    /// <summary>Creates the chain for its owner; the same request again returns it.</summary>
    [Alias("Create")]
    [ChannelSurface]
    Task<ValueChainView> CreateAsync(CreateValueChain request);

    /// <summary>The owner's view.</summary>
    [Alias("GetForOwner")]
    [ChannelSurface]
    Task<ValueChainView> GetForOwnerAsync(string customerId);

    /// <summary>An invited partner's view.</summary>
    [Alias("GetForPartner")]
    Task<ValueChainView> GetForPartnerAsync(string partnerId);

    /// <summary>Adds a slot before commit.</summary>
    [Alias("AddSlot")]
    [ChannelSurface]
    Task<ValueChainView> AddSlotAsync(string customerId, SlotDefinition slot);

    /// <summary>Invites a partner to offer for a slot.</summary>
    [Alias("Invite")]
    [ChannelSurface]
    Task<ValueChainView> InviteAsync(string customerId, string role, string partnerId);

    /// <summary>An invited partner offers for a slot, replacing its earlier offer there.</summary>
    [Alias("Offer")]
    Task<ValueChainView> OfferAsync(string partnerId, string role, OfferTerms offer);

    /// <summary>The owner accepts a partner's offer for a slot; accepting another before commit swaps, keeping the history.</summary>
    [Alias("Accept")]
    [ChannelSurface]
    Task<ValueChainView> AcceptAsync(string customerId, string role, string partnerId);

    /// <summary>Commits when every slot holds an accepted offer that meets its constraints; otherwise lists the unmet slots.</summary>
    [Alias("Commit")]
    [ChannelSurface]
    Task<ValueChainView> CommitAsync(string customerId);

    /// <summary>The partner holding a committed slot moves its fulfilment one step on (or to Failed).</summary>
    [Alias("UpdateFulfilment")]
    Task<ValueChainView> UpdateFulfilmentAsync(string partnerId, string role, FulfilmentStatus status, string? note);

    /// <summary>
    /// The ERP reports a committed slot's fulfilment (an inbound back-office message). Returns false when the message
    /// was applied before: the chain remembers the latest 1,000 message ids, so a redelivery has no second effect.
    /// </summary>
    [Alias("ApplyErpStatus")]
    Task<bool> ApplyErpStatusAsync(Guid messageId, string role, string partnerId, FulfilmentStatus status, string? note, DateTimeOffset? occurredAt = null);

    /// <summary>Cancels the chain: any time before commit, after commit only while nothing has shipped.</summary>
    [Alias("Cancel")]
    [ChannelSurface]
    Task<ValueChainView> CancelAsync(string customerId, string? reason);

    /// <summary>Creates a one-slot chain from an accepted intent offer (called by the customer's grain).</summary>
    [Alias("Seed")]
    Task<ValueChainView> SeedAsync(CreateValueChain request, string partnerId, OfferTerms offer);
}
