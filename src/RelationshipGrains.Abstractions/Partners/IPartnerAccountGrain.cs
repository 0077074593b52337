namespace RelationshipGrains.Partners;

/// <summary>
/// The same partner as <see cref="IPartnerGrain"/> (same key, same activation, and its methods too), as operators register it and issue its
/// keys, the partner API authenticates it and reads its inbox, and customers' and chains' grains tell it what concerns
/// it. Grain clients are refused these methods, and <c>IRelationshipGrains</c> does not hand this interface out.
/// </summary>
[Alias("rg.IPartnerAccountGrain")]
public interface IPartnerAccountGrain : IPartnerGrain
{
    /// <summary>Registers the partner or updates its registration.</summary>
    [Alias("Register")]
    Task<PartnerProfile> RegisterAsync(RegisterPartner registration);

    /// <summary>Issues a new API key; several may be live at once for rotation.</summary>
    [Alias("IssueKey")]
    Task<IssuedPartnerKey> IssueKeyAsync();

    /// <summary>Revokes a key; it stops working on the next request. False when there was no such live key.</summary>
    [Alias("RevokeKey")]
    Task<bool> RevokeKeyAsync(string keyId);

    /// <summary>The keys issued, without secrets.</summary>
    [Alias("ListKeys")]
    Task<IReadOnlyList<PartnerKeyInfo>> ListKeysAsync();

    /// <summary>Whether the secret belongs to a live key of this partner (compared in constant time).</summary>
    [Alias("VerifyKey")]
    Task<bool> VerifyKeyAsync(string keyId, string secret);

    /// <summary>Delivers an intent to the partner's inbox (called by the customer's grain); idempotent.</summary>
    [Alias("ReceiveIntent")]
    Task ReceiveIntentAsync(string customerId, string intentId, double score);

    /// <summary>
    /// The intents cast to this partner, newest first (at most 500). These carry customer ids: callers show a
    /// partner only what <see cref="Customers.ICustomerForPartnersGrain.GetIntentForPartnerAsync"/> returns for each.
    /// </summary>
    [Alias("ListInbox")]
    Task<IReadOnlyList<IntentCast>> ListInboxAsync();

    /// <summary>One intent in the inbox by its cast id, or null.</summary>
    [Alias("FindCast")]
    Task<IntentCast?> FindCastAsync(string castId);

    /// <summary>Notes a value chain the partner was invited to (called by the value chain's grain).</summary>
    [Alias("NoteValueChain")]
    Task NoteValueChainAsync(string valueChainId);

    /// <summary>The value chains the partner was invited to or joined.</summary>
    [Alias("ListValueChains")]
    Task<IReadOnlyList<string>> ListValueChainsAsync();
}
