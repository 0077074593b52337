using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Grains.Webhooks;

/// <summary>
/// The deliveries to one subscription waiting to be tried again (key: the subscription id). Called by the webhook
/// dispatcher only; grain clients are refused it (it is not on the channel surface).
/// </summary>
[Alias("rg.IWebhookRetriesGrain")]
public interface IWebhookRetriesGrain : IGrainWithStringKey
{
    /// <summary>
    /// Keeps a delivery until it reaches the receiver or fails its last attempt (then it becomes a dead letter). Once
    /// this answers, the delivery is on storage. One already waiting under the same message id is not added again.
    /// </summary>
    /// <param name="retry">The delivery.</param>
    [Alias("Wait")]
    Task WaitAsync(WebhookRetry retry);

    /// <summary>
    /// The customer was erased: the deliveries about them raised before <paramref name="raisedBefore"/> (the events the
    /// erasure raises itself still go) leave the queue untried, and storage rewrites the queue without them.
    /// </summary>
    [Alias("ForgetCustomer")]
    Task ForgetCustomerAsync(string customerId, DateTimeOffset raisedBefore);

    /// <summary>The deliveries waiting, oldest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<WebhookRetry>> ListAsync();
}
