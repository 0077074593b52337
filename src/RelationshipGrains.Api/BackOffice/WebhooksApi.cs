using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Grains.Webhooks;
using RelationshipGrains.Integration.Webhooks;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Api.BackOffice;

/// <summary>Operators subscribe endpoints to our events, see what waits to be tried again and replay deliveries that failed every attempt.</summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/webhooks").WithTags("Webhooks (operators)").RequireAuthorization(ApiRoles.OperatorPolicy);
        api.MapPost("subscriptions", Subscribe)
            .Describe("subscribeWebhook", "Subscribe a URL to integration events",
                "Operators only. Every event of the listed types recorded after the 201 is delivered at least once, "
                + "signed with the secret shown once in the answer. Sent again with the same id, it replaces the "
                + "subscription with a new secret; for the same partner (or none) it keeps its queued deliveries.")
            .Conflicts("200 other subscriptions exist, the most at once; remove one first.");
        api.MapGet("subscriptions", List)
            .Describe("listWebhooks", "List webhook subscriptions",
                "Operators only. Never the secrets.");
        api.MapDelete("subscriptions/{subscriptionId}", Remove)
            .Describe("removeWebhook", "Remove a webhook subscription",
                "Operators only. 404 when there is no such subscription.");
        api.MapGet("subscriptions/{subscriptionId}/waiting", Waiting)
            .Describe("listWebhookDeliveriesWaiting", "List a subscription's deliveries waiting to be tried again",
                "Operators only. Oldest first, each with its attempts so far, the last error and when it is tried next. "
                + "404 when there is no such subscription.");
        api.MapGet("dead-letters", DeadLetters)
            .Describe("listWebhookDeadLetters", "List deliveries that failed every attempt",
                "Operators only. The latest 10,000.");
        api.MapPost("dead-letters/{deadLetterId}/replay", Replay)
            .Describe("replayWebhookDeadLetter", "Deliver a dead letter again",
                "Operators only. 404 when there is no such dead letter; 409 when no receiver takes it any more; 502 when the "
                + "receiver refuses it again, with what it answered.")
            .Conflicts("The dead letter's subscription was removed, or made again after the event (it gets only events raised since).")
            .Answers(StatusCodes.Status502BadGateway, "The receiver refused the delivery again; detail says what it answered.");
        return api;
    }

    private static IWebhookRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IWebhookRegistryGrain>(0);

    private static async Task<Created<IssuedWebhookSubscription>> Subscribe(SubscribeWebhook body, IGrainFactory grains)
    {
        var issued = await Registry(grains).SubscribeAsync(body);
        return TypedResults.Created($"/api/v1/webhooks/subscriptions/{issued.Subscription.SubscriptionId}", issued);
    }

    private static async Task<Ok<IReadOnlyList<WebhookSubscription>>> List(IGrainFactory grains) =>
        TypedResults.Ok(await Registry(grains).ListAsync());

    private static async Task<Results<NoContent, NotFound>> Remove(string subscriptionId, IGrainFactory grains) =>
        await Registry(grains).RemoveAsync(subscriptionId) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<WebhookRetry>>, NotFound>> Waiting(string subscriptionId, IGrainFactory grains) =>
        await Registry(grains).GetTargetAsync(subscriptionId) is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await grains.GetGrain<IWebhookRetriesGrain>(subscriptionId).ListAsync());

    private static async Task<Ok<IReadOnlyList<WebhookDeadLetter>>> DeadLetters(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWebhookDeadLettersGrain>(0).ListAsync());

    private static async Task<Results<Ok<WebhookReplay>, NotFound, ProblemHttpResult>> Replay(
        string deadLetterId, IGrainFactory grains, WebhookDispatcher dispatcher, HttpContext http)
    {
        var deadLetter = (await grains.GetGrain<IWebhookDeadLettersGrain>(0).ListAsync()).FirstOrDefault(d => d.DeadLetterId == deadLetterId);
        if (deadLetter is null)
        {
            return TypedResults.NotFound();
        }

        return await dispatcher.ReplayAsync(deadLetter, http.RequestAborted) is { } error
            ? TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The receiver refused the delivery again", detail: error)
            : TypedResults.Ok(new WebhookReplay(deadLetterId, Delivered: true));
    }
}
