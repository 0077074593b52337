namespace RelationshipGrains.Customers;

/// <summary>
/// The same customer as <see cref="ICustomerGrain"/> (same key, same activation, and its methods too), as other grains reach it to put what
/// happened elsewhere on its timeline: value-chain steps, community activity, idea news. Each is idempotent by its id.
/// Grain clients are refused these methods, and <c>IRelationshipGrains</c> does not hand this interface out.
/// </summary>
[Alias("rg.ICustomerNoticesGrain")]
public interface ICustomerNoticesGrain : ICustomerGrain
{
    /// <summary>
    /// Records that the customer is about to own a new value chain (called by the chain's grain before it writes
    /// anything), so an erasure finds the chain even if none of its steps ever reaches the timeline. Durable when it
    /// returns; nothing new if recorded already. It does not bring back a customer erased and not seen since (the
    /// chain's first step does), and refuses a chain that customer's erasure let go.
    /// </summary>
    /// <param name="valueChainId">The chain.</param>
    [Alias("NoteValueChain")]
    Task NoteValueChainAsync(string valueChainId);

    /// <summary>Adds a value chain step to the timeline (called by the chain's grain); idempotent by step id.</summary>
    /// <param name="step">The step; its id makes the call idempotent.</param>
    [Alias("RecordValueChainStep")]
    Task RecordValueChainStepAsync(ValueChainStep step);

    /// <summary>Adds the customer's community activity to the timeline (called by community and idea grains); idempotent.</summary>
    /// <param name="activity">
    /// The activity; its id makes the call idempotent. Dropped when the customer was erased and has not been heard from
    /// since.
    /// </param>
    [Alias("RecordCommunityActivity")]
    Task RecordCommunityActivityAsync(CommunityActivity activity);

    /// <summary>Adds news of an idea the customer asked for (called by the idea's grain); idempotent.</summary>
    /// <param name="update">
    /// The news; its id makes the call idempotent. Dropped when the customer was erased and has not been heard from
    /// since.
    /// </param>
    [Alias("RecordIdeaUpdate")]
    Task RecordIdeaUpdateAsync(IdeaUpdate update);
}
