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
    /// <param name="customerId">The customer's id: 1-64 lower-case letters, digits, '.', '_' or '-'.</param>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed.</exception>
    ICustomerGrain Customer(string customerId);

    /// <summary>A community's grain, by slug.</summary>
    /// <param name="slug">The community's slug: 1-64 lower-case letters, digits, '.', '_' or '-'.</param>
    /// <exception cref="Errors.RelationshipValidationException">The slug is malformed.</exception>
    ICommunityGrain Community(string slug);

    /// <summary>An idea's grain.</summary>
    /// <param name="ideaId">The idea's id: 1-64 lower-case letters, digits, '.', '_' or '-'.</param>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed.</exception>
    IIdeaGrain Idea(string ideaId);

    /// <summary>A partner's grain.</summary>
    /// <param name="partnerId">The partner's id: 1-64 lower-case letters, digits, '.', '_' or '-'.</param>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed.</exception>
    IPartnerGrain Partner(string partnerId);

    /// <summary>A value chain's grain.</summary>
    /// <param name="valueChainId">The value chain's id: 1-64 lower-case letters, digits, '.', '_' or '-'.</param>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed.</exception>
    IValueChainGrain ValueChain(string valueChainId);

    /// <summary>Search across the whole customer directory (every shard, ranked), as <c>GET /api/v1/customers?q=</c>.</summary>
    ICustomerSearchGrain CustomerSearch();

    /// <summary>A customer's value chains taken whole: list them in full, turn an intent's offer into a chain.</summary>
    ICustomerValueChainsGrain CustomerValueChains();

    /// <summary>Customer intelligence for innovation: a conversation turned into an idea, or evidence for one, in one call.</summary>
    ICustomerIntelligenceGrain CustomerIntelligence();
}
