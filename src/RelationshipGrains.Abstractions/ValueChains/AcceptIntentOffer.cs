using RelationshipGrains.Validation;

namespace RelationshipGrains.ValueChains;

/// <summary>
/// A customer turns a partner's offer on one of their intents into a value chain of one slot, with the offer accepted.
/// The chain id makes it idempotent: the same request again returns the same chain.
/// </summary>
/// <param name="CustomerId">The customer whose intent it is; the chain's owner.</param>
/// <param name="IntentId">The intent the offer answers, 1-128 letters, digits, '.', '_', ':' or '-' (an intent's own id).</param>
/// <param name="PartnerId">The partner whose offer is accepted.</param>
/// <param name="ValueChainId">The new chain's id, chosen by the caller.</param>
/// <param name="Title">The chain's title; the intent's text when left out.</param>
[GenerateSerializer, Immutable, Alias("rg.AcceptIntentOffer")]
public sealed record AcceptIntentOffer(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string IntentId,
    [property: Id(2)] string PartnerId,
    [property: Id(3)] string ValueChainId,
    [property: Id(4)] string? Title = null)
{
    /// <summary>Checks every id.</summary>
    /// <exception cref="Errors.RelationshipValidationException">An id is malformed (the field is named).</exception>
    public void Validate()
    {
        Check.Id(CustomerId, "customerId");
        Check.RequestId(IntentId, "intentId");
        Check.Id(PartnerId, "partnerId");
        Check.Id(ValueChainId, "valueChainId");
    }
}
