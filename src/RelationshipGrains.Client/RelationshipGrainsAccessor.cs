using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Ideas;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Client;

internal sealed class RelationshipGrainsAccessor(IClusterClient client) : IRelationshipGrains
{
    public ICustomerGrain Customer(string customerId) => client.GetGrain<ICustomerGrain>(Check.Id(customerId, "customerId"));

    public ICommunityGrain Community(string slug) => client.GetGrain<ICommunityGrain>(Check.Id(slug, "slug"));

    public IIdeaGrain Idea(string ideaId) => client.GetGrain<IIdeaGrain>(Check.Id(ideaId, "ideaId"));

    public IPartnerGrain Partner(string partnerId) => client.GetGrain<IPartnerGrain>(Check.Id(partnerId, "partnerId"));

    public IValueChainGrain ValueChain(string valueChainId) => client.GetGrain<IValueChainGrain>(Check.Id(valueChainId, "valueChainId"));
}
