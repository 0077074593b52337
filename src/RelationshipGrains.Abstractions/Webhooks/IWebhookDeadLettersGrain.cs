using Orleans.Concurrency;

namespace RelationshipGrains.Webhooks;

/// <summary>Webhook deliveries that failed every attempt, for an operator to replay (one grain, key 0).</summary>
[Alias("rg.IWebhookDeadLettersGrain")]
public interface IWebhookDeadLettersGrain : IGrainWithIntegerKey
{
    /// <summary>Keeps a delivery that failed every attempt (the latest 10,000 are kept).</summary>
    /// <param name="deadLetter">The failed delivery; one with the same id is replaced.</param>
    [Alias("Add")]
    Task AddAsync(WebhookDeadLetter deadLetter);

    /// <summary>The dead letters, newest first.</summary>
    [Alias("List")]
    [ReadOnly]
    Task<IReadOnlyList<WebhookDeadLetter>> ListAsync();

    /// <summary>Removes a dead letter after a successful replay; false when it was not there.</summary>
    /// <param name="deadLetterId">The dead letter.</param>
    [Alias("Remove")]
    Task<bool> RemoveAsync(string deadLetterId);

    /// <summary>
    /// Keeps several dead letters with one write, oldest first: a subscription's queue giving up on several deliveries at
    /// once, or the registry handing over those it kept until December 2026.
    /// </summary>
    /// <param name="deadLetters">The dead letters, oldest first; one with the same id as one kept replaces it.</param>
    [Alias("AddMany")]
    Task AddManyAsync(IReadOnlyList<WebhookDeadLetter> deadLetters);

    /// <summary>
    /// The customer was erased: the dead letters about them, or whose body names them, raised before
    /// <paramref name="raisedBefore"/> (the events the erasure raises itself stay) go, and storage rewrites the list
    /// without them.
    /// </summary>
    /// <param name="customerId">The erased customer's id.</param>
    /// <param name="names">Every name bodies may give them: their id, and each partner's pseudonym for them.</param>
    /// <param name="raisedBefore">When the erasure happened: dead letters of events raised from then on stay.</param>
    [Alias("ForgetCustomer")]
    Task ForgetCustomerAsync(string customerId, IReadOnlyList<string> names, DateTimeOffset raisedBefore);
}
