using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Grains.Webhooks;

/// <summary>Makes one delivery attempt for the retries grain (the messaging layer implements it).</summary>
public interface IWebhookAttempts
{
    /// <summary>Null when the receiver accepted; otherwise why not.</summary>
    /// <param name="subscriptionId">The subscription; <see cref="SubscriptionGone"/> when it no longer exists.</param>
    /// <param name="retry">The delivery.</param>
    /// <param name="cancellationToken">Ends the attempt.</param>
    Task<string?> AttemptAsync(string subscriptionId, WebhookRetry retry, CancellationToken cancellationToken);

    /// <summary>What <see cref="AttemptAsync"/> answers for a subscription that was removed: nothing is left to try.</summary>
    public const string SubscriptionGone = "The subscription no longer exists.";
}
