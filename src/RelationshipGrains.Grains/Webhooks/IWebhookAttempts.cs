using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Grains.Webhooks;

/// <summary>Delivery attempts for the retries grain (the messaging layer implements them).</summary>
public interface IWebhookAttempts
{
    /// <summary>
    /// Where a waiting delivery goes now: null when its subscription was removed, or removed and made again since the
    /// event was raised (a subscription gets only the events raised after it was made).
    /// </summary>
    /// <param name="subscriptionId">The subscription the delivery waits for.</param>
    /// <param name="retry">The delivery.</param>
    Task<WebhookTarget?> TargetAsync(string subscriptionId, WebhookRetry retry);

    /// <summary>Null when the receiver accepted; otherwise why not.</summary>
    /// <param name="target">The subscription, as <see cref="TargetAsync"/> found it.</param>
    /// <param name="retry">The delivery.</param>
    /// <param name="cancellationToken">Ends the attempt.</param>
    Task<string?> AttemptAsync(WebhookTarget target, WebhookRetry retry, CancellationToken cancellationToken);
}
