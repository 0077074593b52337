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
    [Alias("UpdateProfile")]
    [ChannelSurface]
    Task<CustomerProfile> UpdateProfileAsync(UpdateProfile update);

    /// <summary>
    /// Adds an interaction, case, opportunity or marketing touch to the timeline. A retry with the same interaction id
    /// returns the first result (with <c>Created = false</c>) and adds nothing; the same id with other content is a conflict.
    /// A customer takes at most 120 interactions a minute (<c>Timeline:InteractionsPerMinute</c>; a chat at 4 messages a
    /// second reaches it in 30 s).
    /// </summary>
    /// <exception cref="Errors.RelationshipValidationException">A field is missing or malformed; its <c>Field</c> names it.</exception>
    /// <exception cref="Errors.RelationshipConflictException">The interaction id was used before for other content.</exception>
    /// <exception cref="Errors.RelationshipRateLimitedException">Over the per-customer rate; it says when to try again.</exception>
    /// <exception cref="Errors.RelationshipUnavailableException">The cluster cannot answer now (through the grain client); try again.</exception>
    [Alias("RecordInteraction")]
    [ChannelSurface]
    Task<RecordResult> RecordInteractionAsync(RecordInteraction interaction);

    /// <summary>Moves a case, opportunity or marketing touch to a new status; idempotent by request id.</summary>
    [Alias("ChangeEntryStatus")]
    [ChannelSurface]
    Task<RecordResult> ChangeEntryStatusAsync(ChangeEntryStatus change);

    /// <summary>A page of the timeline.</summary>
    [Alias("GetTimeline")]
    [ChannelSurface]
    Task<TimelinePage> GetTimelineAsync(TimelineQuery query);

    /// <summary>
    /// Every entry after <paramref name="afterSequence"/>, in order, then each new entry as it is recorded, until cancelled.
    /// A subscriber that reconnects with the last sequence it saw misses nothing and sees nothing twice.
    /// </summary>
    [Alias("WatchTimeline")]
    [ChannelSurface]
    IAsyncEnumerable<TimelineEntry> WatchTimelineAsync(long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>Records an intent; the same id again returns the intent as first recorded.</summary>
    [Alias("ExpressIntent")]
    [ChannelSurface]
    Task<Intent> ExpressIntentAsync(ExpressIntent intent);

    /// <summary>Withdraws an open intent; withdrawing it again changes nothing.</summary>
    [Alias("WithdrawIntent")]
    [ChannelSurface]
    Task<Intent> WithdrawIntentAsync(string intentId);

    /// <summary>The customer's intents, open ones first unless <paramref name="includeWithdrawn"/> adds the rest.</summary>
    [Alias("ListIntents")]
    [ChannelSurface]
    Task<IReadOnlyList<Intent>> ListIntentsAsync(bool includeWithdrawn = false);

    /// <summary>Grants (or replaces) a partner's consent.</summary>
    [Alias("GrantConsent")]
    [ChannelSurface]
    Task<ConsentGrant> GrantConsentAsync(GrantConsent grant);

    /// <summary>Revokes a partner's consent; returns false when there was none.</summary>
    [Alias("RevokeConsent")]
    [ChannelSurface]
    Task<bool> RevokeConsentAsync(string partnerId);

    /// <summary>The live (unexpired) consent grants.</summary>
    [Alias("ListConsents")]
    [ChannelSurface]
    Task<IReadOnlyList<ConsentGrant>> ListConsentsAsync();

    /// <summary>Whether <paramref name="partnerId"/> holds a live grant covering <paramref name="scope"/>.</summary>
    [Alias("HasConsent")]
    [ChannelSurface]
    Task<bool> HasConsentAsync(string partnerId, ConsentScope scope);

    /// <summary>The offer <paramref name="partnerId"/> made on an intent; not found when there is none.</summary>
    [Alias("GetIntentOffer")]
    [ChannelSurface]
    Task<IntentOffer> GetIntentOfferAsync(string intentId, string partnerId);

    /// <summary>Every read of this customer's data by a partner, newest first (the latest 1,000).</summary>
    [Alias("ListPartnerAccess")]
    [ChannelSurface]
    Task<IReadOnlyList<PartnerAccess>> ListPartnerAccessAsync();

    /// <summary>The ids of the value chains this customer owns.</summary>
    [Alias("ListValueChains")]
    [ChannelSurface]
    Task<IReadOnlyList<string>> ListValueChainsAsync();

    /// <summary>The customer's values profile (empty when never set).</summary>
    [Alias("GetValues")]
    [ChannelSurface]
    Task<ValuesProfile> GetValuesAsync();

    /// <summary>Replaces the customer's values profile.</summary>
    [Alias("SetValues")]
    [ChannelSurface]
    Task<ValuesProfile> SetValuesAsync(ValuesProfile values);
}
