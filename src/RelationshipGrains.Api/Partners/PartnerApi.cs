using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
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
        api.MapGet("intents", Inbox);
        api.MapPost("intents/{castId}/offers", OfferOnIntent);
        api.MapGet("customers/{customerId}/profile", CustomerProfile);
        api.MapGet("customers/{customerId}/timeline", CustomerTimeline);
        api.MapGet("value-chains", ValueChains);
        api.MapGet("value-chains/{valueChainId}", ValueChain);
        api.MapPost("value-chains/{valueChainId}/slots/{role}/offers", OfferOnSlot);
        api.MapPost("value-chains/{valueChainId}/slots/{role}/status", ReportFulfilment);
        return api;
    }

    private static async Task<Ok<PartnerIntentView[]>> Inbox(ClaimsPrincipal user, IGrainFactory grains)
    {
        var partnerId = user.PartnerId();
        var casts = await grains.GetGrain<IPartnerGrain>(partnerId).ListInboxAsync();
        var views = await Task.WhenAll(casts.Select(c => grains.GetGrain<ICustomerGrain>(c.CustomerId).GetIntentForPartnerAsync(partnerId, c)));
        return TypedResults.Ok(views.OfType<PartnerIntentView>().ToArray());
    }

    private static async Task<Ok<PartnerIntentView>> OfferOnIntent(string castId, OfferTerms body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var partnerId = user.PartnerId();
        var cast = await grains.GetGrain<IPartnerGrain>(partnerId).FindCastAsync(castId)
            ?? throw new RelationshipNotFoundException($"Intent '{castId}' does not exist.");
        var customer = grains.GetGrain<ICustomerGrain>(cast.CustomerId);
        await customer.ReceiveIntentOfferAsync(partnerId, cast.IntentId, body);
        return TypedResults.Ok(await customer.GetIntentForPartnerAsync(partnerId, cast)
            ?? throw new RelationshipNotFoundException($"Intent '{castId}' does not exist."));
    }

    private static async Task<Ok<CustomerProfile>> CustomerProfile(string customerId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(customerId).GetProfileForPartnerAsync(user.PartnerId())
            ?? throw NoSuchCustomer(customerId));

    private static async Task<Ok<TimelinePage>> CustomerTimeline(
        string customerId, long? before, long? after, int? limit, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(customerId)
            .GetTimelineForPartnerAsync(user.PartnerId(), new TimelineQuery(before, after, limit)) ?? throw NoSuchCustomer(customerId));

    private static async Task<Ok<ValueChainView[]>> ValueChains(ClaimsPrincipal user, IGrainFactory grains)
    {
        var partnerId = user.PartnerId();
        var ids = await grains.GetGrain<IPartnerGrain>(partnerId).ListValueChainsAsync();
        return TypedResults.Ok(await Task.WhenAll(ids.Select(id => grains.GetGrain<IValueChainGrain>(id).GetForPartnerAsync(partnerId))));
    }

    private static async Task<Ok<ValueChainView>> ValueChain(string valueChainId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).GetForPartnerAsync(user.PartnerId()));

    private static async Task<Ok<ValueChainView>> OfferOnSlot(
        string valueChainId, string role, OfferTerms body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).OfferAsync(user.PartnerId(), role, body));

    private static async Task<Ok<ValueChainView>> ReportFulfilment(
        string valueChainId, string role, FulfilmentBody body, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).UpdateFulfilmentAsync(
            user.PartnerId(), role, Check.Defined(body.Status, "status"), Check.OptionalText(body.Note, "note", Limits.StatusNote)));

    private static RelationshipNotFoundException NoSuchCustomer(string customerId) => new($"Customer '{customerId}' does not exist.");
}
