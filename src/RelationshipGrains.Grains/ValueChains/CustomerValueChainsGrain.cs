using Orleans.Concurrency;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Grains.ValueChains;

/// <summary>
/// A stateless worker, so it sits outside the customer ↔ chain calls: it asks the customer, then the chains, and
/// neither waits on the other through it. Each chain checks that the customer is its owner.
/// </summary>
[StatelessWorker]
public sealed class CustomerValueChainsGrain : Grain, ICustomerValueChainsGrain
{
    public async Task<IReadOnlyList<ValueChainView>> ListAsync(string customerId)
    {
        var ids = await GrainFactory.Customer(customerId).ListValueChainsAsync();
        var chains = await Task.WhenAll(ids.Select(chain => OwnedAsync(chain, customerId)));
        return [.. chains.OfType<ValueChainView>()];
    }

    /// <summary>Null for a chain the customer noted but never came to own: its first write failed, or another customer took the id first.</summary>
    private async Task<ValueChainView?> OwnedAsync(string chain, string customerId)
    {
        try
        {
            return await GrainFactory.GetGrain<IValueChainGrain>(chain).GetForOwnerAsync(customerId);
        }
        catch (RelationshipNotFoundException)
        {
            return null;
        }
    }

    public async Task<ValueChainView> AcceptIntentOfferAsync(AcceptIntentOffer request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var customer = GrainFactory.Customer(request.CustomerId);
        var offer = await customer.GetIntentOfferAsync(request.IntentId, request.PartnerId);
        var intent = (await customer.ListIntentsAsync(includeWithdrawn: true)).FirstOrDefault(i => i.IntentId == request.IntentId)
            ?? throw new RelationshipNotFoundException($"Intent '{request.IntentId}' does not exist.");
        if (intent.Status == IntentStatus.Withdrawn && !await ChainExistsAsync(request))
        {
            // A repeat of an acceptance made before the withdrawal still gets its chain back (the seed compares it).
            throw new RelationshipConflictException($"Intent '{request.IntentId}' was withdrawn; its offers can no longer be accepted.");
        }

        var title = request.Title ?? Shortened(intent.Text, Limits.DisplayName);
        var chain = new CreateValueChain(request.CustomerId, title,
            [new SlotDefinition(intent.Category, intent.Text.Length <= Limits.IntentText ? intent.Text : null)]);
        return await GrainFactory.ValueChainForPartners(request.ValueChainId)
            .SeedAsync(chain, request.PartnerId, new OfferTerms(offer.Price, offer.LeadTimeDays, offer.Certifications ?? [], offer.Terms));
    }

    private async Task<bool> ChainExistsAsync(AcceptIntentOffer request)
    {
        try
        {
            await GrainFactory.GetGrain<IValueChainGrain>(request.ValueChainId).GetForOwnerAsync(request.CustomerId);
            return true;
        }
        catch (RelationshipNotFoundException)
        {
            return false;
        }
    }

    private static string Shortened(string text, int length) => text.Length <= length ? text : text[..length];
}
