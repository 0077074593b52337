using Orleans.Concurrency;

namespace RelationshipGrains.Webhooks;

/// <summary>
/// The webhook subscriptions (one grain, key 0; failed deliveries are in <see cref="IWebhookDeadLettersGrain"/>). Each
/// silo reads who wants an event type at most once per <c>Webhooks:TargetCacheLease</c>; a change answers after that
/// lease, so the next event on every silo sees it.
/// </summary>
[Alias("rg.IWebhookRegistryGrain")]
public interface IWebhookRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Creates or replaces a subscription and issues a new signing secret.</summary>
    /// <param name="request">
    /// The subscription; an existing id is replaced, with a new secret. For the same partner (or again for none) it
    /// keeps its creation date, and with it the deliveries queued for it; for another partner it starts afresh.
    /// </param>
    /// <remarks>
    /// At most 200 subscriptions exist at once. Answers once every silo sees the change, after
    /// <c>Webhooks:TargetCacheLease</c> (1 s by default).
    /// </remarks>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A field is missing or malformed, the URL points inside our network, or the partner is not registered (field
    /// <c>partnerId</c>).
    /// </exception>
    /// <exception cref="Errors.RelationshipConflictException">200 other subscriptions exist.</exception>
    [Alias("Subscribe")]
    Task<IssuedWebhookSubscription> SubscribeAsync(SubscribeWebhook request);

    /// <summary>Every subscription, without secrets.</summary>
    [Alias("List")]
    [ReadOnly]
    Task<IReadOnlyList<WebhookSubscription>> ListAsync();

    /// <summary>Removes a subscription; false when there was none. Answers once no silo delivers to it any more.</summary>
    /// <param name="subscriptionId">The subscription, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed.</exception>
    [Alias("Remove")]
    Task<bool> RemoveAsync(string subscriptionId);

    /// <summary>
    /// The subscriptions that receive <paramref name="eventType"/>, with their secrets (for the silos' dispatchers, which
    /// keep the answer for <c>Webhooks:TargetCacheLease</c>). Answered even while a change waits out that lease.
    /// </summary>
    /// <param name="eventType">The event's type name, for example <c>InteractionRecorded</c>.</param>
    [Alias("GetTargets")]
    [AlwaysInterleave]
    Task<IReadOnlyList<WebhookTarget>> GetTargetsAsync(string eventType);

    /// <summary>The target of one subscription, or null when it was removed (for replays).</summary>
    /// <param name="subscriptionId">The subscription.</param>
    [Alias("GetTarget")]
    [AlwaysInterleave]
    Task<WebhookTarget?> GetTargetAsync(string subscriptionId);
}
