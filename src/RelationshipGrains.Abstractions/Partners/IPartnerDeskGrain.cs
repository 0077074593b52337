using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Partners;

/// <summary>
/// A partner's working views, each one call as the partner API offers them: the intents cast to it (customers shown
/// by pseudonym, as their consents allow), its offers on them, and the value chains it takes part in. For the partner
/// API; grain clients (channel apps) are refused. A stateless worker: use key 0.
/// </summary>
[Alias("rg.IPartnerDeskGrain")]
public interface IPartnerDeskGrain : IGrainWithIntegerKey
{
    /// <summary>The intents cast to the partner, newest first, each as the customer lets this partner see it.</summary>
    /// <param name="partnerId">The partner asking.</param>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The partner is not registered.</exception>
    [Alias("Inbox"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<PartnerIntentView>> InboxAsync(string partnerId);

    /// <summary>The partner offers on an intent cast to it; a later offer replaces its earlier one.</summary>
    /// <param name="partnerId">The partner offering.</param>
    /// <param name="castId">The cast's id, as the inbox lists it.</param>
    /// <param name="offer">Price, lead time, certifications and terms.</param>
    /// <returns>The intent as the partner sees it now, with its offer.</returns>
    /// <exception cref="Errors.RelationshipValidationException">A field of the offer is out of range.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">No such cast for this partner, or its intent no longer exists (the customer was erased).</exception>
    /// <exception cref="Errors.RelationshipConflictException">The customer has withdrawn the intent.</exception>
    [Alias("OfferOnIntent")]
    Task<PartnerIntentView> OfferOnIntentAsync(string partnerId, string castId, OfferTerms offer);

    /// <summary>The value chains the partner is invited to or holds a slot in, as a partner sees them.</summary>
    /// <param name="partnerId">The partner asking.</param>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed.</exception>
    [Alias("ValueChains"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<ValueChainView>> ValueChainsAsync(string partnerId);
}
