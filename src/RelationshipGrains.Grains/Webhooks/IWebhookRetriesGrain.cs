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
    /// The customer was erased: the deliveries about them, or whose body names them, raised before
    /// <paramref name="raisedBefore"/> (the events the erasure raises itself still go) leave the queue untried, and
    /// storage rewrites the queue without them.
    /// </summary>
    /// <param name="customerId">The erased customer's id.</param>
    /// <param name="names">Every name bodies may give them: their id, and each partner's pseudonym for them.</param>
    /// <param name="raisedBefore">When the erasure happened.</param>
    [Alias("ForgetCustomer")]
    Task ForgetCustomerAsync(string customerId, IReadOnlyList<string> names, DateTimeOffset raisedBefore);

    /// <summary>The deliveries waiting, oldest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<WebhookRetry>> ListAsync();
}
