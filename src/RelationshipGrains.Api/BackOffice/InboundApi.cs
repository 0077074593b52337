using System.Security.Cryptography;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Errors;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Hosting;
using RelationshipGrains.Integration.Webhooks;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Api.BackOffice;

/// <summary>
/// The inbound webhook: back-office systems (social monitoring, marketing, the service desk, the ERP) post signed
/// messages, which go on the bus to the consumers that apply them. A re-sent delivery (same X-RG-Delivery) keeps its
/// message id, so it has no second effect. On the in-process bus, which holds messages in memory only, the 202 waits
/// until the consumer has applied the message, so what was accepted survives a kill of the silo; a message the
/// consumer refused is answered with its error.
/// </summary>
public static class InboundApi
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    public static RouteGroupBuilder MapInboundApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/inbound").WithTags("Back office (signed webhooks)").RequireAuthorization(ApiRoles.BackOfficePolicy);
        api.MapPost("{source}", Receive)
            .Describe(InboundContract.OperationId, "Receive a signed message from a back-office system",
                "For the ERP, social monitoring, marketing automation and service desk, each signing with its own "
                + "secret (HMAC-SHA256 over timestamp and body). The delivery id makes redelivery harmless. The body is"
                + " the source's message type. 202 once the message broker holds it (on the embedded profile's in-process"
                + " bus, once it has been applied; there a message that could not be applied is answered with the error"
                + " that refused it, such as 404 for a value chain that does not exist, and changed nothing); 503 with"
                + " Retry-After when that does not happen in 10 s: send it again.")
            .Conflicts("The delivery id came with a different message in the last 10 minutes (each message needs its own); or, on the embedded profile's in-process bus only, the message does not fit the state, such as an ERP status for a slot not committed to that partner or one its order cannot move to.");
        return api;
    }

    private static async Task<Accepted> Receive(
        string source, HttpRequest request, IPublishEndpoint bus, IOptions<JsonOptions> json, TimeProvider time, IGrainFactory grains)
    {
        if (!InboundMessages.BySource.TryGetValue(source, out var type))
        {
            throw new RelationshipNotFoundException($"'{source}' is not a source we take messages from.");
        }

        var delivery = request.Headers[WebhookSignature.DeliveryHeader].ToString();
        Validation.Check.RequestId(delivery, WebhookSignature.DeliveryHeader);
        object message;
        try
        {
            message = await JsonSerializer.DeserializeAsync(request.Body, type, json.Value.SerializerOptions, request.HttpContext.RequestAborted)
                ?? throw new RelationshipValidationException("body", "The body is empty.");
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The body does not match the message.", StatusCodes.Status400BadRequest, e);
        }

        // Of the message as sent: validation fills a missing occurredAt with the time of receipt, which a retry changes.
        var content = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(message, type, json.Value.SerializerOptions)));
        message = InboundMessages.Validate(message, time.GetUtcNow());
        // By the delivery id its signature first came with: a captured request sent again under a new delivery id
        // (which the signature does not cover) is the same message, not a second one.
        var signature = request.Headers[WebhookSignature.SignatureHeader].ToString();
        var messageId = InboundMessages.MessageId(source, await ClaimAsync(grains.GetGrain<IInboundDeliveriesGrain>(source), signature, delivery, content));
        var handling = request.HttpContext.RequestServices.GetService<InProcessHandling>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted);
        timeout.CancelAfter(PublishTimeout);
        var published = false;
        try
        {
            Task Publish() => bus.Publish(message, type, c => c.MessageId = messageId, timeout.Token);
            if (handling is null)
            {
                await Publish();
                published = true;
            }
            else
            {
                var outcome = await handling.PublishAsync(messageId, type, Publish);
                published = true;
                if (await outcome.WaitAsync(timeout.Token) is { } refused)
                {
                    // Answered with what refused it (a value chain that does not exist, a slot that cannot move): on this
                    // bus the message is gone once its consumer gave up, so a 202 would have acknowledged what was lost.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refused);
                }
            }
        }
        catch (OperationCanceledException) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw new RelationshipUnavailableException(
                $"{(published ? "The message was not applied" : "The message broker did not accept the message")} in time; send it again with the same delivery id.", 10);
        }

        return TypedResults.Accepted((string?)null);
    }

    /// <summary>
    /// Claims the delivery, checking its message; from a grain still active on a silo of the release before the
    /// check (a rolling upgrade), which has no such method, without it, rather than failing every message until it moves.
    /// </summary>
    private static async Task<string> ClaimAsync(IInboundDeliveriesGrain deliveries, string signature, string delivery, string content)
    {
        try
        {
            return await deliveries.ClaimAsync(signature, delivery, content);
        }
        catch (Exception e) when (e is not (RelationshipConflictException or RelationshipUnavailableException or OperationCanceledException or TimeoutException))
        {
            return await deliveries.ClaimAsync(signature, delivery);
        }
    }
}
