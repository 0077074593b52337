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
    /// <param name="partnerId">The partner asking.</param>
    /// <exception cref="Errors.RelationshipNotFoundException">
    /// The chain does not exist, or the partner was not invited to it (or to that slot).
    /// </exception>
    [Alias("GetForPartner")]
    Task<ValueChainView> GetForPartnerAsync(string partnerId);

    /// <summary>
    /// An invited partner offers for a slot, replacing its earlier offer there until the customer accepts it. The same
    /// offer again answers as the first did, even once the chain has been committed.
    /// </summary>
    /// <param name="partnerId">The partner offering.</param>
    /// <param name="role">The slot it was invited to.</param>
    /// <param name="offer">Price (more than zero), lead time (0-3650 days), at most 20 certifications and terms of at most 2,000 characters.</param>
    /// <returns>The chain as the partner sees it, with its offer.</returns>
    /// <exception cref="Errors.RelationshipValidationException">A field of the offer is missing or out of range.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">
    /// The chain does not exist, or the partner was not invited to it (or to that slot).
    /// </exception>
    /// <exception cref="Errors.RelationshipConflictException">
    /// The chain is committed, completed or cancelled, and can no longer be reconfigured; or the customer has accepted
    /// the partner's offer, which can then no longer change.
    /// </exception>
    [Alias("Offer")]
    Task<ValueChainView> OfferAsync(string partnerId, string role, OfferTerms offer);

    /// <summary>The partner holding a committed slot moves its fulfilment one step on (or to Failed).</summary>
    /// <param name="partnerId">The partner holding the slot.</param>
    /// <param name="role">The slot.</param>
    /// <param name="status">
    /// The new status: the next step (in-production, shipped, delivered) or failed; the current one again changes
    /// nothing.
    /// </param>
    /// <param name="note">What the partner adds, at most 2,000 characters, or null.</param>
    /// <returns>The chain as the partner sees it.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The partner id or note is malformed, or the status is pending.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">
    /// The chain does not exist, or the partner was not invited to it (or to that slot).
    /// </exception>
    /// <exception cref="Errors.RelationshipConflictException">
    /// The chain is not committed, the slot is not committed to this partner, or it cannot move from its status to this one.
    /// </exception>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// The chain's outbox is full of events waiting for the message broker; try again after the delay it gives.
    /// </exception>
    [Alias("UpdateFulfilment")]
    Task<ValueChainView> UpdateFulfilmentAsync(string partnerId, string role, FulfilmentStatus status, string? note);

    /// <summary>
    /// The ERP reports a committed slot's fulfilment (an inbound back-office message). Returns false when the message
    /// was applied before: the chain remembers the latest 1,000 message ids, so a redelivery has no second effect.
    /// </summary>
    /// <param name="messageId">The bus message's id; one applied before changes nothing.</param>
    /// <param name="role">The slot.</param>
    /// <param name="partnerId">The partner holding the slot, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <param name="status">
    /// The new status: any later step (in-production, shipped, delivered) or failed. A step the slot has reached or
    /// passed, or a failure (or news after one) older than the slot's last ERP status, changes nothing.
    /// </param>
    /// <param name="note">What the ERP adds, at most 2,000 characters, or null.</param>
    /// <param name="occurredAt">
    /// When the order moved, as the ERP says: after 1970 and at most 10 minutes ahead of the silo's clock; null means
    /// now.
    /// </param>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The partner id, note or time is malformed.
    /// </exception>
    /// <exception cref="Errors.RelationshipNotFoundException">
    /// The chain does not exist, or the partner was not invited to it (or to that slot).
    /// </exception>
    /// <exception cref="Errors.RelationshipConflictException">
    /// The chain is not committed, the slot is not committed to this partner, or newer news contradicts the slot's:
    /// a step after it failed, or a failure after it was delivered.
    /// </exception>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// The chain's outbox is full of events waiting for the message broker; try again after the delay it gives.
    /// </exception>
    [Alias("ApplyErpStatus")]
    Task<bool> ApplyErpStatusAsync(Guid messageId, string role, string partnerId, FulfilmentStatus status, string? note, DateTimeOffset? occurredAt = null);

    /// <summary>Creates a one-slot chain from an accepted intent offer (called by <see cref="ICustomerValueChainsGrain"/>).</summary>
    /// <param name="request">The owner, the title and exactly one slot.</param>
    /// <param name="partnerId">The partner whose offer is accepted.</param>
    /// <param name="offer">The partner's offer, taken from its offer on the intent.</param>
    /// <returns>The owner's view of the chain, new or as first seeded.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A field of the request or the offer is malformed, or the request has other than one slot.
    /// </exception>
    /// <exception cref="Errors.RelationshipConflictException">The chain id is taken by another chain.</exception>
    [Alias("Seed")]
    Task<ValueChainView> SeedAsync(CreateValueChain request, string partnerId, OfferTerms offer);
}
