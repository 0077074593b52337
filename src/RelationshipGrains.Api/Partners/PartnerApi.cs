using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Api.Partners;

/// <summary>
/// What a partner does with its own key: read its intents inbox, make offers, see customers as far as they
/// consented, and work its value chain slots. Everything outside its reach answers 404, as if it did not exist.
/// </summary>
public static class PartnerApi
{
    public static RouteGroupBuilder MapPartnerApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/partner").WithTags("Partner API").RequireAuthorization(ApiRoles.PartnerPolicy);
        api.MapGet("intents", Inbox)
            .Describe("listIntentsForPartner", "List the intents cast to the calling partner",
                "Intents in the partner's categories; the customer is named only under the Intents consent, otherwise"
                + " by a pseudonym stable for this partner.")
            .Answers(StatusCodes.Status404NotFound, "The key's partner is not registered yet (a key from configuration names a partner id no operator has registered).");
        api.MapPost("intents/{castId}/offers", OfferOnIntent)
            .Describe("offerOnIntent", "Offer on an intent",
                "Makes or replaces the calling partner's offer (price, lead time, certifications) on an intent cast to it.")
            .Conflicts("The customer has withdrawn the intent; it takes no more offers.");
        api.MapGet("customers/{customerId}/profile", CustomerProfile)
            .Describe("getCustomerProfileForPartner", "Read a consenting customer's profile",
                "Only under the customer's Profile consent; 404 otherwise, as if the customer did not exist. Every "
                + "read is logged for the customer.");
        api.MapGet("customers/{customerId}/timeline", CustomerTimeline)
            .Describe("getCustomerTimelineForPartner", "Read a consenting customer's timeline",
                "Only under the customer's Conversation consent; 404 otherwise. Every read is logged for the customer. Other partners' "
                + "offers, consents and value-chain steps are left out, and so are the customer's own value-chain steps, which name partners "
                + "(the value chains operations show a partner its part); a page holds `limit` entries of what is shown, and `hasMore` says "
                + "whether more of it lies beyond.");
        api.MapGet("value-chains", ValueChains)
            .Describe("listValueChainsForPartner", "List the value chains the calling partner takes part in",
                "Chains where the partner was invited to a slot, offered or was accepted.");
        api.MapGet("value-chains/{valueChainId}", ValueChain)
            .Describe("getValueChainForPartner", "Read a value chain as the calling partner",
                "404 when the partner takes no part in it.");
        api.MapPost("value-chains/{valueChainId}/slots/{role}/offers", OfferOnSlot)
            .Describe("offerOnSlot", "Offer on a value chain slot",
                "Makes or replaces the calling partner's offer on a slot it was invited to, until the customer accepts it. "
                + "The same offer again answers as the first did, even once the chain is committed.")
            .Conflicts("The chain is committed, completed or cancelled, and takes no more offers; or the customer has accepted the partner's offer, which can no longer change.");
        api.MapPost("value-chains/{valueChainId}/slots/{role}/status", ReportFulfilment)
            .Describe("reportFulfilment", "Report progress on a committed slot",
                "Moves the calling partner's committed slot, which starts at accepted, one step on (in-production, "
                + "shipped, delivered) or to failed; the status it has again changes nothing. pending is refused (400).")
            .Conflicts("The slot is not committed to this partner, or its order cannot move from its status to this one.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<PartnerIntentView>>> Inbox(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Desk(grains).InboxAsync(user.PartnerId()));

    private static async Task<Ok<PartnerIntentView>> OfferOnIntent(string castId, OfferTerms body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Desk(grains).OfferOnIntentAsync(user.PartnerId(), castId, body));

    private static async Task<Ok<CustomerProfile>> CustomerProfile(string customerId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.CustomerForPartners(customerId).GetProfileForPartnerAsync(user.PartnerId())
            ?? throw NoSuchCustomer(customerId));

    private static async Task<Ok<TimelinePage>> CustomerTimeline(
        string customerId, long? before, long? after, int? limit, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.CustomerForPartners(customerId)
            .GetTimelineForPartnerAsync(user.PartnerId(), new TimelineQuery(before, after, limit)) ?? throw NoSuchCustomer(customerId));

    private static async Task<Ok<IReadOnlyList<ValueChainView>>> ValueChains(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Desk(grains).ValueChainsAsync(user.PartnerId()));

    private static async Task<Ok<ValueChainView>> ValueChain(string valueChainId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChainForPartners(valueChainId).GetForPartnerAsync(user.PartnerId()));

    private static async Task<Ok<ValueChainView>> OfferOnSlot(
        string valueChainId, string role, OfferTerms body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChainForPartners(valueChainId).OfferAsync(user.PartnerId(), role, body));

    private static async Task<Ok<ValueChainView>> ReportFulfilment(
        string valueChainId, string role, FulfilmentBody body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChainForPartners(valueChainId).UpdateFulfilmentAsync(
            user.PartnerId(), role, Check.Defined(body.Status, "status"), Check.OptionalText(body.Note, "note", Limits.StatusNote)));

    private static IPartnerDeskGrain Desk(IGrainFactory grains) => grains.GetGrain<IPartnerDeskGrain>(0);

    private static RelationshipNotFoundException NoSuchCustomer(string customerId) => new($"Customer '{customerId}' does not exist.");
}
