using Microsoft.Extensions.Logging;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// What partners may see and do with this customer. Consent is read on every call, so revoking it takes effect at
/// once. This grain calls partner grains but never the reverse, so the two can never wait on each other.
/// </summary>
public sealed partial class CustomerGrain
{
    public async Task<PartnerIntentView?> GetIntentForPartnerAsync(string partnerId, IntentCast cast)
    {
        _ = CustomerId;
        Check.Id(partnerId, "partnerId");
        ArgumentNullException.ThrowIfNull(cast);
        if (cast.CustomerId != CustomerId || CastIntent(partnerId, cast.IntentId) is not { } intent)
        {
            return null;
        }

        var identified = Consents(partnerId, ConsentScope.Intents);
        await LogAccessAsync(partnerId, $"intent {intent.IntentId}{(identified ? "" : " (pseudonymous)")}", identified ? ConsentScope.Intents : null);
        return new PartnerIntentView(
            cast.CastId, pseudonyms.For(CustomerId, partnerId), identified ? CustomerId : null, intent.Text, intent.Category,
            intent.Budget, intent.Deadline, identified ? intent.Constraints : [], cast.Score, intent.Status,
            intent.Offers?.FirstOrDefault(o => o.PartnerId == partnerId));
    }

    public async Task<IntentOffer> ReceiveIntentOfferAsync(string partnerId, string intentId, OfferTerms offer)
    {
        _ = CustomerId;
        Check.Id(partnerId, "partnerId");
        ArgumentNullException.ThrowIfNull(offer);
        offer.Validate();
        var intent = CastIntent(partnerId, intentId) ?? throw new RelationshipNotFoundException("The intent does not exist.");
        var certifications = offer.Certifications is { Count: > 0 } held ? held : null;
        if (intent.Offers?.FirstOrDefault(o => o.PartnerId == partnerId) is { } standing
            && (standing.Price, standing.LeadTimeDays, standing.Terms) == (offer.Price, offer.LeadTimeDays, offer.Terms)
            && (standing.Certifications ?? []).SequenceEqual(certifications ?? []))
        {
            // The same offer again is a retry whose answer was lost: another timeline entry would tell the customer twice.
            return standing;
        }

        if (intent.Status != IntentStatus.Open)
        {
            throw new RelationshipConflictException("The customer has withdrawn this intent; it takes no more offers.");
        }

        var now = time.GetUtcNow();
        // Kept with the offer: checked and then dropped, they never reached the customer nor the chain an acceptance seeds.
        var made = new IntentOffer(partnerId, offer.Price!, offer.LeadTimeDays!.Value, offer.Terms, now, certifications is null ? null : [.. certifications]);
        State.Intents[intentId] = intent with { Offers = [.. (intent.Offers ?? []).Where(o => o.PartnerId != partnerId), made] };
        Append(seq => new TimelineEntry(seq, $"offer:{seq}", TimelineEntryKind.IntentOfferReceived, now, now, new Author(AuthorKind.Partner, partnerId),
            Channel.Partner, Text: $"Offer of {made.Price.Amount} {made.Price.Currency}, ready in {made.LeadTimeDays} days. {made.Terms}".TrimEnd(),
            Topic: intent.Category, Subject: intentId), now);
        await PersistAppendedAsync();
        return made;
    }

    public Task<IntentOffer> GetIntentOfferAsync(string intentId, string partnerId)
    {
        _ = CustomerId;
        var offer = State.Intents.TryGetValue(intentId ?? "", out var intent) ? intent.Offers?.FirstOrDefault(o => o.PartnerId == partnerId) : null;
        return Task.FromResult(offer ?? throw new RelationshipNotFoundException($"Partner '{partnerId}' has made no offer on intent '{intentId}'."));
    }

    public async Task<CustomerProfile?> GetProfileForPartnerAsync(string partnerId)
    {
        _ = CustomerId;
        Check.Id(partnerId, "partnerId");
        if (!Consents(partnerId, ConsentScope.Profile) || State.CreatedAt is null)
        {
            return null;
        }

        await LogAccessAsync(partnerId, "profile", ConsentScope.Profile);
        return ToProfile();
    }

    public async Task<TimelinePage?> GetTimelineForPartnerAsync(string partnerId, TimelineQuery query)
    {
        _ = CustomerId;
        Check.Id(partnerId, "partnerId");
        if (!Consents(partnerId, ConsentScope.Conversation))
        {
            return null;
        }

        ArgumentNullException.ThrowIfNull(query);
        var page = await ReadTimelineAsync(query, entry => ShownTo(partnerId, entry));
        await LogAccessAsync(partnerId, $"conversation ({page.Entries.Count} entries)", ConsentScope.Conversation);
        return page with { Entries = [.. page.Entries.Select(WithoutStaffIdentity)] };
    }

    /// <summary>
    /// The customer shared their conversation, not who on our staff took part: a signed-in member of staff is an entry's
    /// author by sign-in subject and full name.
    /// </summary>
    private static TimelineEntry WithoutStaffIdentity(TimelineEntry entry) =>
        entry.Author.Kind == AuthorKind.Staff && (entry.Author.Id is not null || entry.Author.Name is not null)
            ? entry with { Author = new Author(AuthorKind.Staff) }
            : entry;

    /// <summary>
    /// The conversation, without what other partners did or were given: their offers, their part in value chains
    /// (as the chain's own partner view leaves them out) and their consents. A value chain's steps the customer
    /// took name its partners, so a partner follows its chains in the chain view instead.
    /// </summary>
    private static bool ShownTo(string partnerId, TimelineEntry entry) => entry.Kind switch
    {
        TimelineEntryKind.ConsentGranted or TimelineEntryKind.ConsentRevoked => entry.Subject == partnerId,
        TimelineEntryKind.IntentOfferReceived or TimelineEntryKind.ValueChainStep => IsBy(entry, partnerId),
        _ => entry.Author.Kind != AuthorKind.Partner || IsBy(entry, partnerId),
    };

    private static bool IsBy(TimelineEntry entry, string partnerId) => entry.Author.Kind == AuthorKind.Partner && entry.Author.Id == partnerId;

    public Task<IReadOnlyList<PartnerAccess>> ListPartnerAccessAsync() => PartnerAccessLog().ListAsync();

    /// <summary>Written before the data is handed over, so no read goes unrecorded.</summary>
    private Task LogAccessAsync(string partnerId, string what, ConsentScope? scope)
    {
        var grantedAt = scope is not null && State.Consents.TryGetValue(partnerId, out var grant) ? grant.GrantedAt : (DateTimeOffset?)null;
        return PartnerAccessLog().RecordAsync(new PartnerAccess(partnerId, what, time.GetUtcNow(), scope, grantedAt));
    }

    private IPartnerAccessLogGrain PartnerAccessLog() => GrainFactory.GetGrain<IPartnerAccessLogGrain>(CustomerId);

    public async Task NoteValueChainAsync(string valueChainId)
    {
        _ = CustomerId;
        Check.Id(valueChainId, "valueChainId");
        if (ErasedSinceLastContact && State.Profile.Erasure!.ValueChainsKept.Contains(valueChainId))
        {
            // A create from before the erasure, tried again (its chain never written).
            throw new RelationshipConflictException($"Value chain id '{valueChainId}' is already taken.");
        }

        if (State.ValueChains.Contains(valueChainId))
        {
            return;
        }

        // Noted only: the chain's first step, once the chain is written, is what brings an erased customer back, and
        // finishes an erasure first. Finished here, its steps ran on every note, and one of them asks the chains the
        // erasure let go, any of which may be waiting on a note of its own.
        State.AddValueChain(valueChainId);
        await PersistAsync();
    }

    public async Task RecordValueChainStepAsync(ValueChainStep step)
    {
        _ = CustomerId;
        ArgumentNullException.ThrowIfNull(step);
        // A chain the erasure let go; a new chain of a returned customer's is theirs, and its first step brings them back.
        if (ErasedSinceLastContact && State.Profile.Erasure!.ValueChainsKept.Contains(step.ValueChainId))
        {
            return;
        }

        var author = step.PartnerId is null ? Author.Customer : new Author(AuthorKind.Partner, step.PartnerId);
        await AppendOnceAsync($"vc:{step.StepId}", (seq, id, now) => new TimelineEntry(seq, id, TimelineEntryKind.ValueChainStep, now, now, author,
            Text: step.Text, Status: step.Status, Subject: step.ValueChainId), () => State.AddValueChain(step.ValueChainId));
    }

    public async Task RecordCommunityActivityAsync(CommunityActivity activity)
    {
        _ = CustomerId;
        ArgumentNullException.ThrowIfNull(activity);
        if (ErasedSinceLastContact)
        {
            return;
        }

        await AppendOnceAsync($"community:{activity.ActivityId}", (seq, id, now) => new TimelineEntry(seq, id, TimelineEntryKind.CommunityActivity,
            now, now, Author.Customer, Text: activity.Text, Topic: activity.Community, Subject: activity.Subject), () => NoteCommunity(activity.Community));
    }

    public async Task RecordIdeaUpdateAsync(IdeaUpdate update)
    {
        _ = CustomerId;
        ArgumentNullException.ThrowIfNull(update);
        if (ErasedSinceLastContact)
        {
            return;
        }

        await AppendOnceAsync($"idea:{update.UpdateId}", (seq, id, now) => new TimelineEntry(seq, id, TimelineEntryKind.IdeaUpdate,
            now, now, Author.System, Text: update.Text, Topic: update.Community, Status: update.Status, Subject: update.IdeaId),
            () => NoteCommunity(update.Community));
    }

    /// <summary>
    /// Erased, and not heard from since: communities, ideas and value chains send their notices after answering, so one
    /// about a post or a step made just before the erasure can arrive after it, and would put the customer's words (or
    /// a chain the erasure let go) back. It is dropped.
    /// </summary>
    private bool ErasedSinceLastContact => State.Profile.Erasure is not null && State.CreatedAt is null;

    /// <summary>Remembered so an erasure can find every community that holds something of this customer.</summary>
    private void NoteCommunity(string slug)
    {
        State.AddCommunity(slug);
    }

    /// <summary>Appends an entry that other grains send, once: a resent entry id is recognised and ignored.</summary>
    private async Task AppendOnceAsync(string entryId, Func<long, string, DateTimeOffset, TimelineEntry> create, Action? alsoChange = null)
    {
        await FinishErasureBeforeChangesAsync();
        if (State.KnowsEntryId(entryId))
        {
            return;
        }

        var now = time.GetUtcNow();
        var entry = Append(seq => create(seq, entryId, now), now);
        State.RememberEntryId(entryId, entry.Sequence);
        alsoChange?.Invoke();
        await PersistAppendedAsync();
    }

    public Task<IReadOnlyList<string>> ListValueChainsAsync()
    {
        _ = CustomerId;
        return Task.FromResult<IReadOnlyList<string>>([.. State.ValueChains]);
    }

    /// <summary>The intent if it exists and was cast to this partner; otherwise the partner may not know it exists.</summary>
    private Intent? CastIntent(string partnerId, string intentId) =>
        State.Intents.TryGetValue(intentId ?? "", out var intent) && intent.Matches?.Any(m => m.PartnerId == partnerId) == true ? intent : null;

    private bool Consents(string partnerId, ConsentScope scope) =>
        State.Consents.TryGetValue(partnerId, out var grant) && grant.Allows(scope, time.GetUtcNow());

    private async Task CastAsync(Intent intent)
    {
        foreach (var match in intent.Matches ?? [])
        {
            try
            {
                await GrainFactory.GetGrain<IPartnerAccountGrain>(match.PartnerId).ReceiveIntentAsync(CustomerId, intent.IntentId, match.Score);
            }
            catch (Exception e)
            {
                LogCastFailed(logger, e, intent.IntentId, match.PartnerId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Casting intent {IntentId} to partner {PartnerId} failed; expressing the intent again retries it.")]
    private static partial void LogCastFailed(ILogger logger, Exception exception, string intentId, string partnerId);
}
