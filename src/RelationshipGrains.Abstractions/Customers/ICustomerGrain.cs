using RelationshipGrains.Partners;

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

    /// <summary>
    /// Applies a back-office message (service case, marketing touch, social mention). Returns the entry it produced,
    /// or the earlier one with <c>Created = false</c> when the message was applied before (the customer remembers
    /// message ids as long as other entry ids: <c>Timeline:IdempotencyWindow</c>, 2,000 entries by default).
    /// </summary>
    [Alias("ApplyBackOfficeUpdate")]
    Task<RecordResult> ApplyBackOfficeUpdateAsync(BackOfficeUpdate update);

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

    /// <summary>Everything held about the customer except the timeline (see <see cref="ExportTimelineAsync"/>).</summary>
    [Alias("Export")]
    Task<CustomerExport> ExportAsync();

    /// <summary>The whole timeline, oldest first, including archived pages, up to the latest entry when called.</summary>
    [Alias("ExportTimeline")]
    IAsyncEnumerable<TimelineEntry> ExportTimelineAsync(CancellationToken cancellationToken = default);

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

    /// <summary>
    /// An intent as <paramref name="partnerId"/> may see it, or null when the intent was not cast to that partner.
    /// Consent is checked on every call, so a revocation takes effect at once.
    /// </summary>
    [Alias("GetIntentForPartner")]
    Task<PartnerIntentView?> GetIntentForPartnerAsync(string partnerId, IntentCast cast);

    /// <summary>A partner the intent was cast to answers it with an offer (replacing its earlier one).</summary>
    [Alias("ReceiveIntentOffer")]
    Task<IntentOffer> ReceiveIntentOfferAsync(string partnerId, string intentId, OfferTerms offer);

    /// <summary>The offer <paramref name="partnerId"/> made on an intent; not found when there is none.</summary>
    [Alias("GetIntentOffer")]
    [ChannelSurface]
    Task<IntentOffer> GetIntentOfferAsync(string intentId, string partnerId);

    /// <summary>The profile if <paramref name="partnerId"/> holds Profile consent, else null.</summary>
    [Alias("GetProfileForPartner")]
    Task<CustomerProfile?> GetProfileForPartnerAsync(string partnerId);

    /// <summary>A timeline page if <paramref name="partnerId"/> holds Conversation consent, else null.</summary>
    [Alias("GetTimelineForPartner")]
    Task<TimelinePage?> GetTimelineForPartnerAsync(string partnerId, TimelineQuery query);

    /// <summary>Every read of this customer's data by a partner, newest first (the latest 1,000).</summary>
    [Alias("ListPartnerAccess")]
    [ChannelSurface]
    Task<IReadOnlyList<PartnerAccess>> ListPartnerAccessAsync();

    /// <summary>Adds a value chain step to the timeline (called by the chain's grain); idempotent by step id.</summary>
    [Alias("RecordValueChainStep")]
    Task RecordValueChainStepAsync(ValueChainStep step);

    /// <summary>Adds the customer's community activity to the timeline (called by community and idea grains); idempotent.</summary>
    [Alias("RecordCommunityActivity")]
    Task RecordCommunityActivityAsync(CommunityActivity activity);

    /// <summary>Adds news of an idea the customer asked for (called by the idea's grain); idempotent.</summary>
    [Alias("RecordIdeaUpdate")]
    Task RecordIdeaUpdateAsync(IdeaUpdate update);

    /// <summary>
    /// Erases the customer's personal data: profile, the whole timeline with its archive, intents, consents, values
    /// and the partner-access log. What counterparties need stays (the ids of the customer's value chains, which
    /// partners see only under pseudonyms), and partners who held consent or were cast an intent are told through
    /// <c>CustomerErased</c>. Community posts, votes and idea comments stay under a pseudonym so others' replies and
    /// tallies stand; the texts the customer wrote there become "[removed]" unless <paramref name="keepPostTexts"/>.
    /// Idempotent: again, with nothing recorded since, returns the first receipt (and the first choice stands).
    /// </summary>
    [Alias("Erase")]
    Task<ErasureReceipt> EraseAsync(bool keepPostTexts = false);

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
