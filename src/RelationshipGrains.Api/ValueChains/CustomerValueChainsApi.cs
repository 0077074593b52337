using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Errors;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Api.ValueChains;

/// <summary>A customer assembles value chains: create, add slots, invite, accept or swap, commit, cancel.</summary>
internal static class CustomerValueChainsApi
{
    public static RouteGroupBuilder MapCustomerValueChainsApi(this RouteGroupBuilder customer)
    {
        customer.MapGet("value-chains", List);
        customer.MapPost("value-chains", Create);
        customer.MapGet("value-chains/{valueChainId}", Get);
        customer.MapPost("value-chains/{valueChainId}/slots", AddSlot);
        customer.MapPost("value-chains/{valueChainId}/slots/{role}/invitations", Invite);
        customer.MapPost("value-chains/{valueChainId}/slots/{role}/accept", Accept);
        customer.MapPost("value-chains/{valueChainId}/commit", Commit);
        customer.MapPost("value-chains/{valueChainId}/cancel", Cancel);
        customer.MapPost("intents/{intentId}/offers/{partnerId}/accept", AcceptIntentOffer);
        return customer;
    }

    private static async Task<Ok<ValueChainView[]>> List(string id, IGrainFactory grains)
    {
        var ids = await grains.Customer(id).ListValueChainsAsync();
        return TypedResults.Ok(await Task.WhenAll(ids.Select(chain => grains.GetGrain<IValueChainGrain>(chain).GetForOwnerAsync(id))));
    }

    private static async Task<Created<ValueChainView>> Create(string id, CreateValueChainBody body, IGrainFactory grains)
    {
        _ = grains.Customer(id);
        var view = await grains.ValueChain(body.ValueChainId).CreateAsync(new CreateValueChain(id, body.Title, body.Slots));
        return TypedResults.Created($"/api/v1/customers/{id}/value-chains/{view.ValueChainId}", view);
    }

    private static async Task<Ok<ValueChainView>> Get(string id, string valueChainId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).GetForOwnerAsync(id));

    private static async Task<Ok<ValueChainView>> AddSlot(string id, string valueChainId, SlotDefinition body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).AddSlotAsync(id, body));

    private static async Task<Ok<ValueChainView>> Invite(string id, string valueChainId, string role, PartnerBody body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).InviteAsync(id, role, body.PartnerId));

    private static async Task<Ok<ValueChainView>> Accept(string id, string valueChainId, string role, PartnerBody body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).AcceptAsync(id, role, body.PartnerId));

    private static async Task<Ok<ValueChainView>> Commit(string id, string valueChainId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).CommitAsync(id));

    private static async Task<Ok<ValueChainView>> Cancel(string id, string valueChainId, CancelBody? body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).CancelAsync(id, body?.Reason));

    /// <summary>The customer's grain is asked for the offer, then the chain is seeded; the chain calls the customer, never the reverse.</summary>
    private static async Task<Created<ValueChainView>> AcceptIntentOffer(string id, string intentId, string partnerId, SeedBody body, IGrainFactory grains)
    {
        var customer = grains.Customer(id);
        var offer = await customer.GetIntentOfferAsync(intentId, partnerId);
        var intent = (await customer.ListIntentsAsync(includeWithdrawn: true)).FirstOrDefault(i => i.IntentId == intentId)
            ?? throw new RelationshipNotFoundException($"Intent '{intentId}' does not exist.");
        var title = body.Title ?? (intent.Text.Length <= Limits.DisplayName ? intent.Text : intent.Text[..Limits.DisplayName]);
        var request = new CreateValueChain(id, title, [new SlotDefinition(intent.Category, intent.Text.Length <= Limits.IntentText ? intent.Text : null)]);
        var view = await grains.ValueChain(body.ValueChainId).SeedAsync(request, partnerId, new OfferTerms(offer.Price, offer.LeadTimeDays, [], offer.Terms));
        return TypedResults.Created($"/api/v1/customers/{id}/value-chains/{view.ValueChainId}", view);
    }
}
