using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Grains.Webhooks;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Integration.Webhooks;

/// <summary>
/// Delivers an event to every subscription that wants it: one attempt each, here; a delivery that fails waits in its
/// subscription's retry queue (<see cref="IWebhookRetriesGrain"/>), which tries it again on a doubling schedule and
/// keeps it as a dead letter for an operator to replay once its attempts are spent.
/// </summary>
public sealed class WebhookDispatcher(
    IGrainFactory grains, WebhookTargetCache targets, WebhookSender sender, Pseudonyms pseudonyms, FailingReceivers failing,
    IOptions<WebhookOptions> options, TimeProvider time, IHostApplicationLifetime lifetime) : IWebhookAttempts
{
    private IWebhookRegistryGrain Registry => grains.GetGrain<IWebhookRegistryGrain>(0);

    private IWebhookDeadLettersGrain DeadLetters => grains.GetGrain<IWebhookDeadLettersGrain>(0);

    /// <summary>Delivers <paramref name="integrationEvent"/> under <paramref name="messageId"/> to every subscription that wants it.</summary>
    /// <param name="integrationEvent">The event.</param>
    /// <param name="messageId">Its message id, the delivery id receivers de-duplicate by.</param>
    /// <param name="raisedAt">When the event was raised; subscriptions made after that do not receive it.</param>
    /// <param name="cancellationToken">Stops the deliveries.</param>
    public async Task DispatchAsync(object integrationEvent, Guid messageId, DateTimeOffset? raisedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var type = integrationEvent.GetType();
        // Cached for a lease, which the registry waits out before a change answers: a subscription created a moment
        // ago (its 201 already sent) still gets the next event, on every silo.
        var subscribed = await targets.GetAsync(type.Name);
        if (subscribed.Count == 0)
        {
            return;
        }

        var wanted = subscribed.Where(t => t.Wants(raisedAt)).ToList();

        var data = JsonSerializer.SerializeToNode(integrationEvent, type, IntegrationEvents.Json)!.AsObject();
        var customerId = data["customerId"] is JsonValue customer && customer.TryGetValue<string>(out var id) ? id : null;
        await Task.WhenAll(wanted.Select(async target =>
        {
            var shaped = target.PartnerId is { } partnerId ? PartnerPayload.For((JsonObject)data.DeepClone(), partnerId, pseudonyms) : data;
            if (shaped is not null)
            {
                await DeliverAsync(target, messageId, type.Name, Envelope(messageId, type.Name, shaped), raisedAt, customerId, cancellationToken);
            }
        }));
    }

    /// <summary>The subscription as it is now, read through the silo's cache.</summary>
    public async Task<WebhookTarget?> TargetAsync(string subscriptionId, WebhookRetry retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var target = (await targets.GetAsync(retry.EventType)).FirstOrDefault(t => t.SubscriptionId == subscriptionId);
        return target is not null && target.Wants(retry.RaisedAt) ? target : null;
    }

    /// <summary>An attempt for the retry queue.</summary>
    public async Task<string?> AttemptAsync(WebhookTarget target, WebhookRetry retry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(retry);
        var error = await AttemptAsync(target, retry.MessageId, retry.EventType, retry.Body, cancellationToken);
        if (error is null)
        {
            failing.Answered(target.Url);
        }

        return error;
    }

    /// <summary>
    /// One more attempt at a dead letter: null (and the dead letter gone) when the receiver accepted it, else what the
    /// receiver answered.
    /// </summary>
    /// <exception cref="RelationshipConflictException">No receiver takes it: its subscription was removed, or made again after the event.</exception>
    public async Task<string?> ReplayAsync(WebhookDeadLetter deadLetter, CancellationToken cancellationToken)
    {
        var target = await Registry.GetTargetAsync(deadLetter.SubscriptionId)
            ?? throw new RelationshipConflictException($"Subscription '{deadLetter.SubscriptionId}' no longer exists, so no receiver takes this dead letter.");
        if (!target.Wants(deadLetter.RaisedAt))
        {
            // Made again under the id after the event: it has a new secret and gets only events raised since.
            throw new RelationshipConflictException(
                $"Subscription '{deadLetter.SubscriptionId}' was made again after this event; it gets only events raised since.");
        }

        var error = await AttemptAsync(target, deadLetter.MessageId, deadLetter.EventType, deadLetter.Body, cancellationToken);
        if (error is null)
        {
            await DeadLetters.RemoveAsync(deadLetter.DeadLetterId);
        }
        else
        {
            await DeadLetters.AddAsync(deadLetter with { Attempts = deadLetter.Attempts + 1, LastError = error, FailedAt = time.GetUtcNow() });
        }

        return error;
    }

    private async Task DeliverAsync(WebhookTarget target, Guid messageId, string eventType, string body, DateTimeOffset? raisedAt,
        string? customerId, CancellationToken cancellationToken)
    {
        // Queued untried when the silo is stopping: with a receiver down, the first attempts of what was still queued
        // outlasted a stop's 30 s.
        var (attempts, error) = lifetime.ApplicationStopping.IsCancellationRequested
            ? (0, "Not tried: the silo was stopping.")
            : !failing.TryStart(target.Url)
                ? (0, "Not tried: the receiver failed a moment before, or was slow to answer the deliveries under way.")
                : (1, await StartedAttemptAsync(target, messageId, eventType, body, cancellationToken));
        if (error is null)
        {
            return;
        }

        // Untried, it is due at once: the queue tries it after those before it, without holding this event's other
        // deliveries. With its attempts spent already, the queue keeps it as a dead letter.
        var now = time.GetUtcNow();
        var retry = new WebhookRetry(messageId, eventType, body, attempts, error, attempts == 0 ? now : now + options.Value.WaitAfter(attempts), raisedAt,
            customerId);
        await grains.GetGrain<IWebhookRetriesGrain>(target.SubscriptionId).WaitAsync(retry);
    }

    /// <summary>An attempt <see cref="FailingReceivers.TryStart"/> allowed, its outcome reported back.</summary>
    private async Task<string?> StartedAttemptAsync(WebhookTarget target, Guid messageId, string eventType, string body, CancellationToken cancellationToken)
    {
        var failed = true;
        try
        {
            var error = await AttemptAsync(target, messageId, eventType, body, cancellationToken);
            failed = error is not null;
            return error;
        }
        finally
        {
            failing.Finished(target.Url, failed);
        }
    }

    private async Task<string?> AttemptAsync(WebhookTarget target, Guid messageId, string eventType, string body, CancellationToken cancellationToken)
    {
        var limit = options.Value.Timeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            return await sender.SendAsync(target, messageId, eventType, body, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout's own cancellation. Escaping as a fault, it failed the whole event, and the bus's retries sent
            // it again to every subscription, the ones that had accepted it included.
            return $"The receiver did not answer within {limit.TotalSeconds:0.###} s.";
        }
    }

    private static string Envelope(Guid messageId, string eventType, JsonObject data) =>
        new JsonObject { ["id"] = messageId, ["type"] = eventType, ["data"] = data.DeepClone() }.ToJsonString();
}
