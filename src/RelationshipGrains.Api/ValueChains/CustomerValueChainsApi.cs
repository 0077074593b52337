using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Api.ValueChains;

/// <summary>A customer assembles value chains: create, add slots, invite, accept or swap, commit, cancel.</summary>
internal static class CustomerValueChainsApi
{
    public static RouteGroupBuilder MapCustomerValueChainsApi(this RouteGroupBuilder customer)
    {
        customer.MapGet("value-chains", List)
            .Describe("listValueChains", "List a customer's value chains",
                "Every chain the customer owns, in full.")
            .OpenToTheCustomer();
        customer.MapPost("value-chains", Create)
            .Describe("createValueChain", "Start a value chain",
                "Creates an ad-hoc chain of slots (roles with requirements) that partners offer to fill. valueChainId"
                + " makes the call idempotent. Partners find the chain by that id, so it is unique across all customers:"
                + " choose a UUID. An id another chain holds is 409; one that holds the customer's id is 400, as partners"
                + " see it and know the customer only by a pseudonym.")
            .OpenToTheCustomer()
            .Conflicts("The chain id is taken by another chain, of another owner or title.");
        customer.MapGet("value-chains/{valueChainId}", Get)
            .Describe("getValueChain", "Read one of a customer's value chains",
                "404 when the customer does not own it.")
            .OpenToTheCustomer();
        customer.MapPost("value-chains/{valueChainId}/slots", AddSlot)
            .Describe("addValueChainSlot", "Add a slot to a value chain",
                "Only while the chain is open. The same slot sent again answers the chain, even once it is committed; another slot under the same role is 409.")
            .OpenToTheCustomer()
            .Conflicts("The chain is no longer open, it already has another slot under that role, or it holds 20 slots, the most it may.");
        customer.MapPost("value-chains/{valueChainId}/slots/{role}/invitations", Invite)
            .Describe("invitePartnerToSlot", "Invite a partner to offer for a slot",
                "The partner sees the chain and may offer on the slot.")
            .OpenToTheCustomer()
            .Conflicts("The chain is committed, completed or cancelled, and can no longer be reconfigured.");
        customer.MapPost("value-chains/{valueChainId}/slots/{role}/accept", Accept)
            .Describe("acceptSlotOffer", "Accept a partner's offer for a slot",
                "Accepting another partner's offer swaps the earlier one out; the history keeps both.")
            .OpenToTheCustomer()
            .Conflicts("The chain is committed, completed or cancelled, and can no longer be reconfigured.");
        customer.MapPost("value-chains/{valueChainId}/commit", Commit)
            .Describe("commitValueChain", "Commit a value chain",
                "Every slot must hold an accepted offer within its limits; the ERP then places one order per slot.")
            .OpenToTheCustomer()
            .Conflicts("The chain is completed or cancelled, or not ready: a slot has no accepted offer, or one that breaks its constraints (detail lists them).");
        customer.MapPost("value-chains/{valueChainId}/cancel", Cancel)
            .Describe("cancelValueChain", "Cancel a value chain",
                "An optional reason is kept on the chain and told to its partners.")
            .OpenToTheCustomer()
            .Conflicts("Part of the chain has shipped or been delivered.");
        customer.MapPost("intents/{intentId}/offers/{partnerId}/accept", AcceptIntentOffer)
            .Describe("acceptIntentOffer", "Turn an offer on an intent into a value chain",
                "Creates a one-slot chain with the partner's offer accepted, under valueChainId (unique across all"
                + " customers, as for createValueChain). 409 when the customer withdrew the intent.")
            .OpenToTheCustomer()
            .Conflicts("The customer withdrew the intent, or the chain id is taken by another chain.");
        return customer;
    }

    private static async Task<Ok<IReadOnlyList<ValueChainView>>> List(string customerId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICustomerValueChainsGrain>(0).ListAsync(customerId));

    private static async Task<Created<ValueChainView>> Create(string customerId, CreateValueChainBody body, IGrainFactory grains)
    {
        _ = grains.Customer(customerId);
        var view = await grains.ValueChain(body.ValueChainId).CreateAsync(new CreateValueChain(customerId, body.Title, body.Slots));
        return TypedResults.Created($"/api/v1/customers/{customerId}/value-chains/{view.ValueChainId}", view);
    }

    private static async Task<Ok<ValueChainView>> Get(string customerId, string valueChainId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).GetForOwnerAsync(customerId));

    private static async Task<Ok<ValueChainView>> AddSlot(string customerId, string valueChainId, SlotDefinition body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).AddSlotAsync(customerId, body));

    private static async Task<Ok<ValueChainView>> Invite(string customerId, string valueChainId, string role, PartnerBody body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).InviteAsync(customerId, role, body.PartnerId));

    private static async Task<Ok<ValueChainView>> Accept(string customerId, string valueChainId, string role, PartnerBody body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).AcceptAsync(customerId, role, body.PartnerId));

    private static async Task<Ok<ValueChainView>> Commit(string customerId, string valueChainId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).CommitAsync(customerId));

    private static async Task<Ok<ValueChainView>> Cancel(string customerId, string valueChainId, CancelBody? body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ValueChain(valueChainId).CancelAsync(customerId, body?.Reason));

    private static async Task<Created<ValueChainView>> AcceptIntentOffer(string customerId, string intentId, string partnerId, SeedBody body, IGrainFactory grains)
    {
        var view = await grains.GetGrain<ICustomerValueChainsGrain>(0)
            .AcceptIntentOfferAsync(new AcceptIntentOffer(customerId, intentId, partnerId, body.ValueChainId, body.Title));
        return TypedResults.Created($"/api/v1/customers/{customerId}/value-chains/{view.ValueChainId}", view);
    }
}
