using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Ideas;
using RelationshipGrains.Partners;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Client;

/// <summary>Typed entry points to the grains a channel app talks to; a malformed id throws <see cref="Errors.RelationshipValidationException"/>.</summary>
public interface IRelationshipGrains
{
    /// <summary>A customer's grain.</summary>
    ICustomerGrain Customer(string customerId);

    /// <summary>A community's grain, by slug.</summary>
    ICommunityGrain Community(string slug);

    /// <summary>An idea's grain.</summary>
    IIdeaGrain Idea(string ideaId);

    /// <summary>A partner's grain.</summary>
    IPartnerGrain Partner(string partnerId);

    /// <summary>A value chain's grain.</summary>
    IValueChainGrain ValueChain(string valueChainId);

    /// <summary>Search across the whole customer directory (every shard, ranked), as <c>GET /api/v1/customers?q=</c>.</summary>
    ICustomerSearchGrain CustomerSearch();

    /// <summary>A customer's value chains taken whole: list them in full, turn an intent's offer into a chain.</summary>
    ICustomerValueChainsGrain CustomerValueChains();

    /// <summary>Customer intelligence for innovation: a conversation turned into an idea, or evidence for one, in one call.</summary>
    ICustomerIntelligenceGrain CustomerIntelligence();
}
