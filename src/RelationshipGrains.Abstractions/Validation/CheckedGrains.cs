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
    /// <param name="grains">The grain factory: the cluster client, or a grain's own <c>GrainFactory</c>.</param>
    /// <param name="customerId">The customer's id: 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <returns>A reference to the grain; nothing is called yet.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed (field <c>customerId</c>).</exception>
    public static ICustomerGrain Customer(this IGrainFactory grains, string customerId) =>
        Reference<ICustomerGrain>(grains, Check.Id(customerId, "customerId"));

    /// <summary>A customer's grain as operators and the back office reach it (export, erasure, back-office updates).</summary>
    /// <param name="grains">The grain factory: the cluster client, or a grain's own <c>GrainFactory</c>.</param>
    /// <param name="customerId">The customer's id: 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <returns>A reference to the grain; nothing is called yet.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed (field <c>customerId</c>).</exception>
    public static ICustomerStewardshipGrain CustomerStewardship(this IGrainFactory grains, string customerId) =>
        Reference<ICustomerStewardshipGrain>(grains, Check.Id(customerId, "customerId"));

    /// <summary>A customer's grain as the partner API reaches it for an authenticated partner.</summary>
    /// <param name="grains">The grain factory: the cluster client, or a grain's own <c>GrainFactory</c>.</param>
    /// <param name="customerId">The customer's id: 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <returns>A reference to the grain; nothing is called yet.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed (field <c>customerId</c>).</exception>
    public static ICustomerForPartnersGrain CustomerForPartners(this IGrainFactory grains, string customerId) =>
        Reference<ICustomerForPartnersGrain>(grains, Check.Id(customerId, "customerId"));

    /// <summary>A community's grain, by slug.</summary>
    /// <param name="grains">The grain factory: the cluster client, or a grain's own <c>GrainFactory</c>.</param>
    /// <param name="slug">The community's slug: 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <returns>A reference to the grain; nothing is called yet.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed (field <c>slug</c>).</exception>
    public static ICommunityGrain Community(this IGrainFactory grains, string slug) =>
        Reference<ICommunityGrain>(grains, Check.Id(slug, "slug"));

    /// <summary>A community's grain as operators, its ideas and erasures reach it.</summary>
    /// <param name="grains">The grain factory: the cluster client, or a grain's own <c>GrainFactory</c>.</param>
    /// <param name="slug">The community's slug: 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <returns>A reference to the grain; nothing is called yet.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed (field <c>slug</c>).</exception>
    public static ICommunityStewardshipGrain CommunityStewardship(this IGrainFactory grains, string slug) =>
        Reference<ICommunityStewardshipGrain>(grains, Check.Id(slug, "slug"));

    /// <summary>An idea's grain.</summary>
    /// <param name="grains">The grain factory: the cluster client, or a grain's own <c>GrainFactory</c>.</param>
    /// <param name="ideaId">The idea's id: 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <returns>A reference to the grain; nothing is called yet.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed (field <c>ideaId</c>).</exception>
    public static IIdeaGrain Idea(this IGrainFactory grains, string ideaId) =>
        Reference<IIdeaGrain>(grains, Check.Id(ideaId, "ideaId"));

    /// <summary>An idea's grain as its community moves it through its life.</summary>
    /// <param name="grains">The grain factory: the cluster client, or a grain's own <c>GrainFactory</c>.</param>
    /// <param name="ideaId">The idea's id: 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <returns>A reference to the grain; nothing is called yet.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed (field <c>ideaId</c>).</exception>
    public static IIdeaLifecycleGrain IdeaLifecycle(this IGrainFactory grains, string ideaId) =>
        Reference<IIdeaLifecycleGrain>(grains, Check.Id(ideaId, "ideaId"));

    /// <summary>A partner's grain.</summary>
    /// <param name="grains">The grain factory: the cluster client, or a grain's own <c>GrainFactory</c>.</param>
    /// <param name="partnerId">The partner's id: 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <returns>A reference to the grain; nothing is called yet.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed (field <c>partnerId</c>).</exception>
    public static IPartnerGrain Partner(this IGrainFactory grains, string partnerId) =>
        Reference<IPartnerGrain>(grains, Check.Id(partnerId, "partnerId"));

    /// <summary>A partner's grain as operators, the partner API and other grains reach it.</summary>
    /// <param name="grains">The grain factory: the cluster client, or a grain's own <c>GrainFactory</c>.</param>
    /// <param name="partnerId">The partner's id: 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <returns>A reference to the grain; nothing is called yet.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed (field <c>partnerId</c>).</exception>
    public static IPartnerAccountGrain PartnerAccount(this IGrainFactory grains, string partnerId) =>
        Reference<IPartnerAccountGrain>(grains, Check.Id(partnerId, "partnerId"));

    /// <summary>A value chain's grain.</summary>
    /// <param name="grains">The grain factory: the cluster client, or a grain's own <c>GrainFactory</c>.</param>
    /// <param name="valueChainId">The value chain's id: 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <returns>A reference to the grain; nothing is called yet.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed (field <c>valueChainId</c>).</exception>
    public static IValueChainGrain ValueChain(this IGrainFactory grains, string valueChainId) =>
        Reference<IValueChainGrain>(grains, Check.Id(valueChainId, "valueChainId"));

    /// <summary>A value chain's grain as partners, the ERP and seeding reach it.</summary>
    /// <param name="grains">The grain factory: the cluster client, or a grain's own <c>GrainFactory</c>.</param>
    /// <param name="valueChainId">The value chain's id: 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <returns>A reference to the grain; nothing is called yet.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed (field <c>valueChainId</c>).</exception>
    public static IValueChainForPartnersGrain ValueChainForPartners(this IGrainFactory grains, string valueChainId) =>
        Reference<IValueChainForPartnersGrain>(grains, Check.Id(valueChainId, "valueChainId"));

    /// <summary>
    /// Orleans resolves the grain type from the interface's attributes by reflection on every GetGrain by key (5% of
    /// a silo's time under RecordInteraction, in a profile); each interface has one implementation, so its grain
    /// and interface types are looked up once and the reference is made from the id.
    /// </summary>
    /// <typeparam name="TGrain">The grain interface; it must have one implementation.</typeparam>
    /// <param name="grains">The grain factory.</param>
    /// <param name="key">The grain's key, already checked.</param>
    /// <returns>A reference to the grain; nothing is called yet.</returns>
    internal static TGrain Reference<TGrain>(IGrainFactory grains, string key) where TGrain : IGrainWithStringKey
    {
        if (Kind<TGrain>.Types is not { } types)
        {
            var first = (GrainReference)(object)grains.GetGrain<TGrain>(key);
            Kind<TGrain>.Types = new GrainTypes(first.GrainId.Type, first.InterfaceType);
            return (TGrain)(object)first;
        }

        return (TGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    /// <summary>A class, so that a reader never sees one half written.</summary>
    private sealed record GrainTypes(GrainType Grain, GrainInterfaceType Interface);

    private static class Kind<TGrain>
    {
        public static GrainTypes? Types;
    }
}
