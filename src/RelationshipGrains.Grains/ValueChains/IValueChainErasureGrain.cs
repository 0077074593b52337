namespace RelationshipGrains.Grains.ValueChains;

/// <summary>
/// The same chain as <see cref="RelationshipGrains.ValueChains.IValueChainGrain"/>, as its owner's erasure reaches it.
/// Called by the customer grain only; grain clients are refused it (it is not on the channel surface).
/// </summary>
[Alias("rg.IValueChainErasureGrain")]
public interface IValueChainErasureGrain : IGrainWithStringKey
{
    /// <summary>
    /// The chain stays for the partners in it, owned by a pseudonym no one can turn back into the customer: a customer
    /// who comes back under the same id neither sees it nor hears of its steps. An open chain is cancelled (no one can
    /// commit it now), and one never committed loses its title and slot requirements, which the customer wrote
    /// ("[removed]" and nothing); a committed chain keeps them, as its partners fulfil it. Again, nothing more; for
    /// another owner, nothing.
    /// </summary>
    /// <param name="customerId">The erased customer.</param>
    /// <remarks>
    /// Runs between the chain's other calls: the owner's erasure waits for it inside the customer's turn, while a call
    /// to the chain may be waiting for the customer inside the chain's (telling it a step, or noting a chain being
    /// created). Queued behind that call, each waited for the other until Orleans' response timeout.
    /// </remarks>
    [Alias("ForgetOwner"), Orleans.Concurrency.AlwaysInterleave]
    Task ForgetOwnerAsync(string customerId);
}
