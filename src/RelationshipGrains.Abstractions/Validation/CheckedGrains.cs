using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Ideas;
using RelationshipGrains.Partners;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Validation;

/// <summary>
/// Grain references by id, with the id checked first, so a malformed id is refused with the field named before any
/// grain is touched. The HTTP API and the client library both address grains through these.
/// </summary>
public static class CheckedGrains
{
    /// <summary>A customer's grain.</summary>
    public static ICustomerGrain Customer(this IGrainFactory grains, string customerId) =>
        grains.GetGrain<ICustomerGrain>(Check.Id(customerId, "customerId"));

    /// <summary>A community's grain, by slug.</summary>
    public static ICommunityGrain Community(this IGrainFactory grains, string slug) =>
        grains.GetGrain<ICommunityGrain>(Check.Id(slug, "slug"));

    /// <summary>An idea's grain.</summary>
    public static IIdeaGrain Idea(this IGrainFactory grains, string ideaId) =>
        grains.GetGrain<IIdeaGrain>(Check.Id(ideaId, "ideaId"));

    /// <summary>A partner's grain.</summary>
    public static IPartnerGrain Partner(this IGrainFactory grains, string partnerId) =>
        grains.GetGrain<IPartnerGrain>(Check.Id(partnerId, "partnerId"));

    /// <summary>A value chain's grain.</summary>
    public static IValueChainGrain ValueChain(this IGrainFactory grains, string valueChainId) =>
        grains.GetGrain<IValueChainGrain>(Check.Id(valueChainId, "valueChainId"));
}
