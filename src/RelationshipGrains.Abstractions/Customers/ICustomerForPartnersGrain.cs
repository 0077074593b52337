using RelationshipGrains.Partners;

namespace RelationshipGrains.Customers;

/// <summary>
/// The same customer as <see cref="ICustomerGrain"/> (same key, same activation, and its methods too), as the partner API reaches it for an
/// authenticated partner, always first in the arguments: what consent lets that partner see, and its offers on intents
/// cast to it. Grain clients are refused these methods, and <c>IRelationshipGrains</c> does not hand this interface out.
/// </summary>
[Alias("rg.ICustomerForPartnersGrain")]
public interface ICustomerForPartnersGrain : ICustomerGrain
{
    /// <summary>
    /// An intent as <paramref name="partnerId"/> may see it, or null when the intent was not cast to that partner.
    /// Consent is checked on every call, so a revocation takes effect at once.
    /// </summary>
    /// <param name="partnerId">The authenticated partner.</param>
    /// <param name="cast">The inbox entry the partner refers to; one for another customer gives null.</param>
    /// <remarks>Each view returned is first written to the customer's partner-access log.</remarks>
    /// <exception cref="Errors.RelationshipValidationException">The partner id is malformed.</exception>
    [Alias("GetIntentForPartner")]
    Task<PartnerIntentView?> GetIntentForPartnerAsync(string partnerId, IntentCast cast);

    /// <summary>A partner the intent was cast to answers it with an offer (replacing its earlier one).</summary>
    /// <param name="partnerId">The authenticated partner.</param>
    /// <param name="intentId">The intent the offer answers.</param>
    /// <param name="offer">
    /// Price (more than zero, three-letter currency), lead time (0-3650 days), at most 20 certifications and terms of
    /// at most 2,000 characters. The certifications are kept on the customer's offer and seed the chain it may become.
    /// </param>
    /// <returns>The offer as the customer now holds it.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The partner id or a field of the offer is malformed or out of range.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The intent does not exist or was not cast to this partner.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The customer has withdrawn the intent.</exception>
    [Alias("ReceiveIntentOffer")]
    Task<IntentOffer> ReceiveIntentOfferAsync(string partnerId, string intentId, OfferTerms offer);

    /// <summary>The profile if <paramref name="partnerId"/> holds Profile consent, else null.</summary>
    /// <param name="partnerId">The authenticated partner.</param>
    /// <exception cref="Errors.RelationshipValidationException">The partner id is malformed.</exception>
    [Alias("GetProfileForPartner")]
    Task<CustomerProfile?> GetProfileForPartnerAsync(string partnerId);

    /// <summary>A timeline page if <paramref name="partnerId"/> holds Conversation consent, else null.</summary>
    /// <param name="partnerId">The authenticated partner.</param>
    /// <param name="query">Which page, as for <see cref="ICustomerGrain.GetTimelineAsync"/>.</param>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The partner id is malformed, or the query is out of range (checked only when the partner holds consent).
    /// </exception>
    [Alias("GetTimelineForPartner")]
    Task<TimelinePage?> GetTimelineForPartnerAsync(string partnerId, TimelineQuery query);
}
