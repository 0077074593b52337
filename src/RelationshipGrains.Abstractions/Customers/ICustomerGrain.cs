namespace RelationshipGrains.Customers;

/// <summary>
/// One customer's live relationship: profile, the one timeline every function shares, intents, consent grants
/// and values. The key is the customer id: 1-64 characters of a-z, 0-9, '.', '_' or '-'.
/// Bad input throws <see cref="Errors.RelationshipValidationException"/> and changes nothing.
/// </summary>
[Alias("rg.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>The profile, or null when the customer has never been seen.</summary>
    [Alias("GetProfile")]
    [ChannelSurface]
    Task<CustomerProfile?> GetProfileAsync();

    /// <summary>Replaces the profile; the change is a timeline entry.</summary>
    /// <param name="update">
    /// The whole new profile: display name of 1-200 characters, at most 20 contact points, a language tag, at most 32
    /// tags.
    /// </param>
    /// <returns>The profile as stored.</returns>
    /// <exception cref="Errors.RelationshipValidationException">A field is missing or malformed; its <c>Field</c> names it.</exception>
    [Alias("UpdateProfile")]
    [ChannelSurface]
    Task<CustomerProfile> UpdateProfileAsync(UpdateProfile update);

    /// <summary>
    /// Adds an interaction, case, opportunity or marketing touch to the timeline. A retry with the same interaction id
    /// returns the first result (with <c>Created = false</c>) and adds nothing; the same id with other content is a conflict.
    /// A customer takes at most 120 interactions a minute (<c>Timeline:InteractionsPerMinute</c>; a chat at 4 messages a
    /// second reaches it in 30 s).
    /// </summary>
    /// <param name="interaction">What to record; its id makes the call idempotent.</param>
    /// <exception cref="Errors.RelationshipValidationException">A field is missing or malformed; its <c>Field</c> names it.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The interaction id was used before for other content.</exception>
    /// <exception cref="Errors.RelationshipRateLimitedException">Over the per-customer rate; it says when to try again.</exception>
    /// <exception cref="Errors.RelationshipUnavailableException">The cluster cannot answer now (through the grain client); try again.</exception>
    [Alias("RecordInteraction")]
    [ChannelSurface]
    Task<RecordResult> RecordInteractionAsync(RecordInteraction interaction);

    /// <summary>Moves a case, opportunity or marketing touch to a new status; idempotent by request id.</summary>
    /// <param name="change">The entry to move (by sequence), its new status, who changed it and why.</param>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A field is missing or malformed, the entry is of a kind without a status, or the status is not one of that
    /// kind's.
    /// </exception>
    /// <exception cref="Errors.RelationshipNotFoundException">No entry has that sequence.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The request id was used before for a different change.</exception>
    [Alias("ChangeEntryStatus")]
    [ChannelSurface]
    Task<RecordResult> ChangeEntryStatusAsync(ChangeEntryStatus change);

    /// <summary>A page of the timeline.</summary>
    /// <param name="query">Which page: before and after a sequence, and how many entries (1-200, 50 by default).</param>
    /// <exception cref="Errors.RelationshipValidationException">before is below 1, after below 0, or limit outside 1-200.</exception>
    [Alias("GetTimeline")]
    [ChannelSurface]
    Task<TimelinePage> GetTimelineAsync(TimelineQuery query);

    /// <summary>
    /// Every entry after <paramref name="afterSequence"/>, in order, then each new entry as it is recorded, until cancelled.
    /// A subscriber that reconnects with the last sequence it saw misses nothing and sees nothing twice.
    /// </summary>
    /// <param name="afterSequence">The last sequence the subscriber has seen; 0 for the whole timeline.</param>
    /// <param name="cancellationToken">Ends the feed.</param>
    /// <exception cref="Errors.RelationshipValidationException">afterSequence is below 0 (thrown when the feed is first read).</exception>
    /// <exception cref="Errors.RelationshipConflictException">
    /// The customer was erased, so the timeline starts again from 1: afterSequence is past its latest entry (thrown when
    /// the feed is first read), or the erasure happened while the feed was open (it ends). Follow it again from 0.
    /// </exception>
    [Alias("WatchTimeline")]
    [ChannelSurface]
    IAsyncEnumerable<TimelineEntry> WatchTimelineAsync(long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>Records an intent; the same id again returns the intent as first recorded.</summary>
    /// <param name="intent">What the customer wants; its id makes the call idempotent.</param>
    /// <returns>The intent, with the partners it was cast to (at most 20, those serving its category, best values match first).</returns>
    /// <remarks>A customer holds at most 100 open intents at once.</remarks>
    /// <exception cref="Errors.RelationshipValidationException">A field is missing or malformed.</exception>
    /// <exception cref="Errors.RelationshipConflictException">
    /// The intent id was used before with another text or category, or the customer already holds 100 open intents.
    /// </exception>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// Integration events waiting for the message broker have filled the customer's outbox (10,000 by default); try
    /// again after the delay it gives.
    /// </exception>
    [Alias("ExpressIntent")]
    [ChannelSurface]
    Task<Intent> ExpressIntentAsync(ExpressIntent intent);

    /// <summary>Withdraws an open intent; withdrawing it again changes nothing.</summary>
    /// <param name="intentId">The intent to withdraw, 1-128 letters, digits, '.', '_', ':' or '-'.</param>
    /// <returns>The intent, withdrawn.</returns>
    /// <exception cref="Errors.RelationshipValidationException">The intent id is malformed.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">The customer has no intent with that id.</exception>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// Integration events waiting for the message broker have filled the customer's outbox (10,000 by default); try
    /// again after the delay it gives.
    /// </exception>
    [Alias("WithdrawIntent")]
    [ChannelSurface]
    Task<Intent> WithdrawIntentAsync(string intentId);

    /// <summary>The customer's intents, open ones first unless <paramref name="includeWithdrawn"/> adds the rest.</summary>
    /// <param name="includeWithdrawn">True to list withdrawn intents too, after the open ones.</param>
    [Alias("ListIntents")]
    [ChannelSurface]
    Task<IReadOnlyList<Intent>> ListIntentsAsync(bool includeWithdrawn = false);

    /// <summary>Grants (or replaces) a partner's consent.</summary>
    /// <param name="grant">The partner, the scopes and an optional expiry.</param>
    /// <returns>The grant as it now stands.</returns>
    /// <remarks>A customer grants consent to at most 500 partners at once; expired grants do not count.</remarks>
    /// <exception cref="Errors.RelationshipValidationException">A field is missing or malformed.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The customer already holds live grants to 500 other partners.</exception>
    /// <exception cref="Errors.RelationshipNotFoundException">No partner with that id is registered.</exception>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// Integration events waiting for the message broker have filled the customer's outbox (10,000 by default); try
    /// again after the delay it gives.
    /// </exception>
    [Alias("GrantConsent")]
    [ChannelSurface]
    Task<ConsentGrant> GrantConsentAsync(GrantConsent grant);

    /// <summary>Revokes a partner's consent; returns false when there was none, or it had expired.</summary>
    /// <param name="partnerId">The partner whose grant to revoke, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <exception cref="Errors.RelationshipValidationException">The partner id is malformed.</exception>
    /// <exception cref="Errors.RelationshipUnavailableException">
    /// Integration events waiting for the message broker have filled the customer's outbox (10,000 by default); try
    /// again after the delay it gives.
    /// </exception>
    [Alias("RevokeConsent")]
    [ChannelSurface]
    Task<bool> RevokeConsentAsync(string partnerId);

    /// <summary>The live (unexpired) consent grants.</summary>
    [Alias("ListConsents")]
    [ChannelSurface]
    Task<IReadOnlyList<ConsentGrant>> ListConsentsAsync();

    /// <summary>Whether <paramref name="partnerId"/> holds a live grant covering <paramref name="scope"/>.</summary>
    /// <param name="partnerId">The partner, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
    /// <param name="scope">What the partner wants to see.</param>
    /// <exception cref="Errors.RelationshipValidationException">The partner id is malformed, or the scope is not profile, conversation or intents.</exception>
    [Alias("HasConsent")]
    [ChannelSurface]
    Task<bool> HasConsentAsync(string partnerId, ConsentScope scope);

    /// <summary>The offer <paramref name="partnerId"/> made on an intent; not found when there is none.</summary>
    /// <param name="intentId">The intent.</param>
    /// <param name="partnerId">The partner that made the offer.</param>
    /// <exception cref="Errors.RelationshipNotFoundException">The intent does not exist, or the partner made no offer on it.</exception>
    [Alias("GetIntentOffer")]
    [ChannelSurface]
    Task<IntentOffer> GetIntentOfferAsync(string intentId, string partnerId);

    /// <summary>Every read of this customer's data by a partner, newest first (the latest 1,000).</summary>
    [Alias("ListPartnerAccess")]
    [ChannelSurface]
    Task<IReadOnlyList<PartnerAccess>> ListPartnerAccessAsync();

    /// <summary>
    /// The ids of the value chains this customer owns, and of any whose creation for them failed or whose id another
    /// customer took first: a chain is noted here before it is written. The chain's grain answers not found for those;
    /// <see cref="ValueChains.ICustomerValueChainsGrain.ListAsync"/> lists only the chains owned.
    /// </summary>
    [Alias("ListValueChains")]
    [ChannelSurface]
    Task<IReadOnlyList<string>> ListValueChainsAsync();

    /// <summary>The customer's values profile (empty when never set).</summary>
    [Alias("GetValues")]
    [ChannelSurface]
    Task<ValuesProfile> GetValuesAsync();

    /// <summary>Replaces the customer's values profile.</summary>
    /// <param name="values">The new weights: at most 16 names, each an id, with weights from 0 to 1.</param>
    /// <returns>The values profile as stored.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The weights are missing, hold more than 16 names or a malformed name, or a weight is outside 0-1.
    /// </exception>
    [Alias("SetValues")]
    [ChannelSurface]
    Task<ValuesProfile> SetValuesAsync(ValuesProfile values);
}
