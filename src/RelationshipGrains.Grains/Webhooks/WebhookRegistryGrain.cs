using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Validation;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Grains.Webhooks;

public sealed class WebhookRegistryGrain(
    [PersistentState("webhooks", StorageNames.Relationships)] IPersistentState<WebhookRegistryState> state,
    IOptions<WebhookOptions> options,
    TimeProvider time) : Grain, IWebhookRegistryGrain
{
    public const int MaxSubscriptions = 200;

    private static readonly string[] EventTypes = [.. IntegrationEvents.Outbound.Select(t => t.Name)];

    /// <summary>
    /// The subscriptions as storage holds them, for the dispatchers' reads: those interleave with a change (which waits
    /// out the silos' cache lease before it answers), so they must never see one that is not yet written.
    /// </summary>
    private (WebhookSubscription Subscription, WebhookTarget Target)[] _published = [];

    private WebhookRegistryState State => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Publish();
        if (State.DeadLetters.Count > 0)
        {
            // Dead letters kept here before they had a journal of their own move there once.
            await GrainFactory.GetGrain<IWebhookDeadLettersGrain>(0).AddManyAsync(State.DeadLetters);
            State.DeadLetters.Clear();
            await state.WriteOrReloadAsync(this);
        }
    }

    public async Task<IssuedWebhookSubscription> SubscribeAsync(SubscribeWebhook request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(EventTypes, options.Value.AllowInternalTargets);
        if (request.PartnerId is { } partnerId)
        {
            // A subscription for a partner nobody registered could never receive anything.
            _ = await GrainFactory.Partner(partnerId).GetAsync()
                ?? throw new Errors.RelationshipValidationException("partnerId", $"Partner '{partnerId}' is not registered.");
        }

        if (!State.Subscriptions.ContainsKey(request.SubscriptionId) && State.Subscriptions.Count >= MaxSubscriptions)
        {
            throw new Errors.RelationshipConflictException($"{MaxSubscriptions} webhook subscriptions exist, the most at once; remove one first.");
        }

        // Sent again for the same receiver (a retry whose answer was lost, a new URL, a rotated secret), a subscription
        // keeps the date it gets events from: a new date would drop every delivery still queued or not yet relayed.
        var since = State.Subscriptions.GetValueOrDefault(request.SubscriptionId) is { } current && current.PartnerId == request.PartnerId
            ? current.CreatedAt
            : time.GetUtcNow();
        var subscription = new WebhookSubscription(request.SubscriptionId, request.Url, [.. request.EventTypes!.Distinct()], request.PartnerId, since);
        var secret = "rgwh_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        State.Subscriptions[subscription.SubscriptionId] = subscription;
        State.Secrets[subscription.SubscriptionId] = secret;
        await WriteSubscriptionsAsync();
        return new IssuedWebhookSubscription(subscription, secret);
    }

    public Task<IReadOnlyList<WebhookSubscription>> ListAsync() =>
        Task.FromResult<IReadOnlyList<WebhookSubscription>>([.. State.Subscriptions.Values.OrderBy(s => s.SubscriptionId, StringComparer.Ordinal)]);

    public async Task<bool> RemoveAsync(string subscriptionId)
    {
        Check.Id(subscriptionId, "subscriptionId");
        if (!State.Subscriptions.Remove(subscriptionId))
        {
            return false;
        }

        State.Secrets.Remove(subscriptionId);
        await WriteSubscriptionsAsync();
        return true;
    }

    public Task<IReadOnlyList<WebhookTarget>> GetTargetsAsync(string eventType) =>
        Task.FromResult<IReadOnlyList<WebhookTarget>>([.. _published.Where(p => p.Subscription.EventTypes.Contains(eventType)).Select(p => p.Target)]);

    public Task<WebhookTarget?> GetTargetAsync(string subscriptionId) =>
        Task.FromResult<WebhookTarget?>(_published.FirstOrDefault(p => p.Subscription.SubscriptionId == subscriptionId).Target);

    /// <summary>
    /// Writes a change to the subscriptions and answers once every silo's cached list is newer than it: a list is kept
    /// for a lease counted from when its read was sent, so after a lease none read before the write is left.
    /// </summary>
    private async Task WriteSubscriptionsAsync()
    {
        try
        {
            await state.WriteOrReloadAsync(this);
        }
        finally
        {
            // After a failed write the state was read back: what storage holds is published either way.
            Publish();
        }

        // Caches count their lease on the monotonic clock; a delay's timer counts in the coarser system tick and may end
        // a few milliseconds short of a lease on that clock, so a list read just before this change could still be used
        // just after it answered (a webhook test missed its event once on a fresh CI run). The wait is checked on the
        // caches' clock and finished if it fell short.
        var published = time.GetTimestamp();
        TimeSpan remaining;
        while ((remaining = options.Value.TargetCacheLease - time.GetElapsedTime(published)) > TimeSpan.Zero)
        {
            await Task.Delay(remaining, time);
        }
    }

    private void Publish() => _published =
        [.. State.Subscriptions.Values.Select(s => (s, new WebhookTarget(s.SubscriptionId, s.Url, State.Secrets[s.SubscriptionId], s.PartnerId, s.CreatedAt)))];
}
