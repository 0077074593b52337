namespace RelationshipGrains.ValueChains;

/// <summary>
/// A customer's value chains taken whole, as the HTTP API offers them: one call where the grains alone would take
/// several. A stateless worker: use key 0.
/// </summary>
[Alias("rg.ICustomerValueChainsGrain")]
public interface ICustomerValueChainsGrain : IGrainWithIntegerKey
{
    /// <summary>Every value chain the customer owns, as its owner sees it.</summary>
    /// <param name="customerId">The owner.</param>
    /// <exception cref="Errors.RelationshipValidationException">The id is malformed.</exception>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    [ChannelSurface]
    Task<IReadOnlyList<ValueChainView>> ListAsync(string customerId);

    /// <summary>
    /// Turns a partner's offer on the customer's intent into a one-slot value chain with that offer accepted.
    /// </summary>
    /// <param name="request">Who accepts which offer, and the new chain's id.</param>
    /// <returns>The new chain (the existing one when the same request comes again).</returns>
    /// <exception cref="Errors.RelationshipValidationException">An id is malformed.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The intent or the partner's offer on it does not exist.</exception>
    /// <exception cref="Errors.RelationshipConflictException">
    /// The chain id is taken by another chain, or the customer withdrew the intent before accepting.
    /// </exception>
    [Alias("AcceptIntentOffer")]
    [ChannelSurface]
    Task<ValueChainView> AcceptIntentOfferAsync(AcceptIntentOffer request);
}
