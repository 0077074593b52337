using Orleans.Concurrency;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Grains.Partners;

/// <summary>
/// A stateless worker between the partner and its customers: customers call the partner grain when they cast an
/// intent, so the partner grain calling customers back would make a cycle; this grain is called by neither.
/// </summary>
[StatelessWorker]
public sealed class PartnerDeskGrain : Grain, IPartnerDeskGrain
{
    public async Task<IReadOnlyList<PartnerIntentView>> InboxAsync(string partnerId)
    {
        var casts = await GrainFactory.PartnerAccount(partnerId).ListInboxAsync();
        var views = await Task.WhenAll(casts.Select(c => GrainFactory.GetGrain<ICustomerForPartnersGrain>(c.CustomerId).GetIntentForPartnerAsync(partnerId, c)));
        return [.. views.OfType<PartnerIntentView>()];
    }

    public async Task<PartnerIntentView> OfferOnIntentAsync(string partnerId, string castId, OfferTerms offer)
    {
        var cast = await GrainFactory.PartnerAccount(partnerId).FindCastAsync(castId)
            ?? throw new RelationshipNotFoundException($"Intent '{castId}' does not exist.");
        var customer = GrainFactory.GetGrain<ICustomerForPartnersGrain>(cast.CustomerId);
        await customer.ReceiveIntentOfferAsync(partnerId, cast.IntentId, offer);
        return await customer.GetIntentForPartnerAsync(partnerId, cast)
            ?? throw new RelationshipNotFoundException($"Intent '{castId}' does not exist.");
    }

    public async Task<IReadOnlyList<ValueChainView>> ValueChainsAsync(string partnerId)
    {
        var ids = await GrainFactory.PartnerAccount(partnerId).ListValueChainsAsync();
        return await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IValueChainForPartnersGrain>(id).GetForPartnerAsync(partnerId)));
    }
}
