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
    [Alias("GetIntentForPartner")]
    Task<PartnerIntentView?> GetIntentForPartnerAsync(string partnerId, IntentCast cast);

    /// <summary>A partner the intent was cast to answers it with an offer (replacing its earlier one).</summary>
    [Alias("ReceiveIntentOffer")]
    Task<IntentOffer> ReceiveIntentOfferAsync(string partnerId, string intentId, OfferTerms offer);

    /// <summary>The profile if <paramref name="partnerId"/> holds Profile consent, else null.</summary>
    [Alias("GetProfileForPartner")]
    Task<CustomerProfile?> GetProfileForPartnerAsync(string partnerId);

    /// <summary>A timeline page if <paramref name="partnerId"/> holds Conversation consent, else null.</summary>
    [Alias("GetTimelineForPartner")]
    Task<TimelinePage?> GetTimelineForPartnerAsync(string partnerId, TimelineQuery query);
}
