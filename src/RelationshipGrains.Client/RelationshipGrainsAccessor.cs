using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Ideas;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Client;

internal sealed class RelationshipGrainsAccessor(IClusterClient client) : IRelationshipGrains
{
    public ICustomerGrain Customer(string customerId) => client.Customer(customerId);

    public ICommunityGrain Community(string slug) => client.Community(slug);

    public IIdeaGrain Idea(string ideaId) => client.Idea(ideaId);

    public IPartnerGrain Partner(string partnerId) => client.Partner(partnerId);

    public IValueChainGrain ValueChain(string valueChainId) => client.ValueChain(valueChainId);

    public ICustomerSearchGrain CustomerSearch() => client.GetGrain<ICustomerSearchGrain>(0);

    public ICustomerValueChainsGrain CustomerValueChains() => client.GetGrain<ICustomerValueChainsGrain>(0);

    public ICustomerIntelligenceGrain CustomerIntelligence() => client.GetGrain<ICustomerIntelligenceGrain>(0);
}
