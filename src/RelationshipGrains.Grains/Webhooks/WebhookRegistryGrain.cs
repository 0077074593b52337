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
    public const int DeadLettersKept = 10_000;

    private static readonly string[] EventTypes = [.. IntegrationEvents.Outbound.Select(t => t.Name)];

    private WebhookRegistryState State => state.State;

    public async Task<IssuedWebhookSubscription> SubscribeAsync(SubscribeWebhook request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(EventTypes, options.Value.AllowInternalTargets);
        if (!State.Subscriptions.ContainsKey(request.SubscriptionId) && State.Subscriptions.Count >= MaxSubscriptions)
        {
            throw new Errors.RelationshipValidationException("subscriptionId", $"At most {MaxSubscriptions} webhook subscriptions; remove one first.");
        }

        var subscription = new WebhookSubscription(request.SubscriptionId, request.Url, [.. request.EventTypes!.Distinct()], request.PartnerId, time.GetUtcNow());
        var secret = "rgwh_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        State.Subscriptions[subscription.SubscriptionId] = subscription;
        State.Secrets[subscription.SubscriptionId] = secret;
        await state.WriteOrReloadAsync(this);
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
        await state.WriteOrReloadAsync(this);
        return true;
    }

    public Task<IReadOnlyList<WebhookTarget>> GetTargetsAsync(string eventType) =>
        Task.FromResult<IReadOnlyList<WebhookTarget>>([.. State.Subscriptions.Values.Where(s => s.EventTypes.Contains(eventType)).Select(Target)]);

    public Task<WebhookTarget?> GetTargetAsync(string subscriptionId) =>
        Task.FromResult(State.Subscriptions.TryGetValue(subscriptionId, out var s) ? Target(s) : null);

    public async Task AddDeadLetterAsync(WebhookDeadLetter deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        State.DeadLetters.RemoveAll(d => d.DeadLetterId == deadLetter.DeadLetterId);
        State.DeadLetters.AddKeepingLatest(deadLetter, DeadLettersKept);
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<WebhookDeadLetter>> ListDeadLettersAsync() =>
        Task.FromResult<IReadOnlyList<WebhookDeadLetter>>([.. Enumerable.Reverse(State.DeadLetters)]);

    public async Task<bool> RemoveDeadLetterAsync(string deadLetterId)
    {
        if (State.DeadLetters.RemoveAll(d => d.DeadLetterId == deadLetterId) == 0)
        {
            return false;
        }

        await state.WriteOrReloadAsync(this);
        return true;
    }

    private WebhookTarget Target(WebhookSubscription s) => new(s.SubscriptionId, s.Url, State.Secrets[s.SubscriptionId], s.PartnerId);
}
