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
    /// <param name="registration">
    /// Name, categories, values and contact URL; it replaces an earlier registration, keeping when the partner was
    /// first registered.
    /// </param>
    /// <returns>The registration as stored.</returns>
    /// <exception cref="Errors.RelationshipValidationException">A field is missing, malformed or out of range; the field is named.</exception>
    [Alias("Register")]
    Task<PartnerProfile> RegisterAsync(RegisterPartner registration);

    /// <summary>Issues a new API key; several may be live at once for rotation.</summary>
    /// <returns>The key's id and its full text, shown this once.</returns>
    /// <remarks>A partner holds at most 10 live keys; revoke one to issue another.</remarks>
    /// <exception cref="Errors.RelationshipNotFoundException">The partner is not registered.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The partner already holds 10 live keys.</exception>
    [Alias("IssueKey")]
    Task<IssuedPartnerKey> IssueKeyAsync();

    /// <summary>
    /// Revokes a key; it stops working on the next request. Revoking it again changes nothing and is true as well (a retried
    /// revocation must not read as a failure); false when the partner never had such a key.
    /// </summary>
    /// <param name="keyId">The key's id, as <see cref="ListKeysAsync"/> lists it.</param>
    /// <exception cref="Errors.RelationshipNotFoundException">The partner is not registered.</exception>
    [Alias("RevokeKey")]
    Task<bool> RevokeKeyAsync(string keyId);

    /// <summary>The keys issued, without secrets.</summary>
    /// <exception cref="Errors.RelationshipNotFoundException">The partner is not registered.</exception>
    [Alias("ListKeys")]
    Task<IReadOnlyList<PartnerKeyInfo>> ListKeysAsync();

    /// <summary>Whether the secret belongs to a live key of this partner (compared in constant time).</summary>
    /// <param name="keyId">The key's id, from the presented key.</param>
    /// <param name="secret">The secret, from the presented key.</param>
    [Alias("VerifyKey")]
    Task<bool> VerifyKeyAsync(string keyId, string secret);

    /// <summary>Delivers an intent to the partner's inbox (called by the customer's grain); idempotent.</summary>
    /// <param name="customerId">The customer whose intent it is.</param>
    /// <param name="intentId">The intent; the same customer and intent again changes nothing.</param>
    /// <param name="score">How closely the partner's values match the customer's, 0 to 1.</param>
    /// <remarks>The inbox keeps the latest 500 intents; older ones drop out.</remarks>
    /// <exception cref="Errors.RelationshipNotFoundException">The partner is not registered.</exception>
    [Alias("ReceiveIntent")]
    Task ReceiveIntentAsync(string customerId, string intentId, double score);

    /// <summary>
    /// The intents cast to this partner, newest first (at most 500). These carry customer ids: callers show a
    /// partner only what <see cref="Customers.ICustomerForPartnersGrain.GetIntentForPartnerAsync"/> returns for each.
    /// </summary>
    /// <exception cref="Errors.RelationshipNotFoundException">The partner is not registered.</exception>
    [Alias("ListInbox")]
    Task<IReadOnlyList<IntentCast>> ListInboxAsync();

    /// <summary>
    /// Drops every intent of the customer from the inbox (called by the customer's grain when it is erased: the intents
    /// are gone, and the inbox named the customer by id). Changes nothing when none is there or the partner is not registered.
    /// </summary>
    /// <param name="customerId">The erased customer.</param>
    [Alias("ForgetCustomer")]
    Task ForgetCustomerAsync(string customerId);

    /// <summary>One intent in the inbox by its cast id, or null.</summary>
    /// <param name="castId">The cast's id, as the inbox lists it.</param>
    [Alias("FindCast")]
    Task<IntentCast?> FindCastAsync(string castId);

    /// <summary>Notes a value chain the partner was invited to (called by the value chain's grain).</summary>
    /// <param name="valueChainId">The chain; noting it again changes nothing.</param>
    /// <exception cref="Errors.RelationshipNotFoundException">The partner is not registered.</exception>
    [Alias("NoteValueChain")]
    Task NoteValueChainAsync(string valueChainId);

    /// <summary>The value chains the partner was invited to or joined.</summary>
    [Alias("ListValueChains")]
    Task<IReadOnlyList<string>> ListValueChainsAsync();
}
