using RelationshipGrains.Communities;
using Microsoft.Extensions.Logging;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.ValueChains;
using RelationshipGrains.Grains.Webhooks;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Partners;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Grains.Customers;

public sealed partial class CustomerGrain
{
    /// <summary>
    /// Finishes an erasure that a crash or a failed call cut short, unasked: registered before the erasure's first
    /// write, it goes once every step is done. Without it, communities and logs kept the customer until an operator
    /// sent the DELETE again (a review killed the silo 50 ms after one).
    /// </summary>
    public const string ErasureReminder = "erasure";

    public async Task<ErasureReceipt> EraseAsync(bool keepPostTexts = false)
    {
        _ = CustomerId;
        if (State.Profile.Erasure is { } earlier && State.CreatedAt is null)
        {
            // Erased already, and not seen since; but joining a community does not bring the customer back here, so
            // one joined since is cleaned too (the receipt stays the first erasure's, but for chains noted since).
            var joinedSince = (await Memberships().ListAsync()).Except(State.CommunitiesToErase).ToList();
            if (joinedSince.Count > 0)
            {
                State.Profile = State.Profile with { CommunitiesToErase = [.. State.CommunitiesToErase, .. joinedSince] };
                await PersistAsync();
            }

            // Nor does a chain noted since whose first step never came (that step would have): its owner goes too, and
            // the receipt names it with the chains let go, so a create of it tried again is refused.
            // Every chain forgets its owner before the profile lets them go: a failure leaves them all noted, and asked
            // again, a chain already done answers at once.
            if (State.ValueChains is { Count: > 0 } notedSince)
            {
                foreach (var chain in notedSince)
                {
                    await GrainFactory.GetGrain<IValueChainErasureGrain>(chain).ForgetOwnerAsync(CustomerId);
                }

                earlier = earlier with { ValueChainsKept = [.. earlier.ValueChainsKept, .. notedSince] };
                State.Profile = State.Profile with { Erasure = earlier, ValueChains = [] };
                await PersistAsync();
            }

            await EraseWhatIsLeftAsync(earlier);
            await ForgetErasureReminderAsync();
            return earlier;
        }

        // Open intents end with the customer: partners cast them stop offering, and BI's count of open intents falls.
        var openIntents = State.Intents.Values.Where(i => i.Status == IntentStatus.Open).Select(i => (i.IntentId, Partners: CastTo(i))).ToList();
        Outbox.EnsureRoom(openIntents.Count + 1);
        await this.RegisterOrUpdateReminder(ErasureReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        var now = time.GetUtcNow();
        // A partner that read the customer's data may keep it, whatever became of its grant since; and grants revoked
        // before the profile kept their partners (FormerlyConsented) still show on the timeline's window.
        var partners = State.Consents.Keys
            .Concat(State.Profile.FormerlyConsented)
            .Concat(State.Timeline.Where(e => e.Kind is TimelineEntryKind.ConsentGranted or TimelineEntryKind.ConsentRevoked).Select(e => e.Subject).OfType<string>())
            .Concat((await PartnerAccessLog().ListAsync()).Select(a => a.PartnerId))
            .Concat(State.Intents.Values.SelectMany(i => i.Matches ?? []).Select(m => m.PartnerId))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        // Every community that took the customer as a member wrote it down first (staff named at configuration too,
        // who got no notice); customers from before that show theirs in their profile or on the timeline's window.
        var communities = State.Communities
            .Concat(State.Timeline.Where(e => e.Kind is TimelineEntryKind.CommunityActivity or TimelineEntryKind.IdeaUpdate).Select(e => e.Topic).OfType<string>())
            .Concat(State.CommunitiesToErase)
            .Concat(await Memberships().ListAsync())
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var receipt = new ErasureReceipt(CustomerId, now, partners, [.. State.ValueChains], communities, keepPostTexts);
        // A page being stored holds the customer's words: it lands before the pages are erased, not after. What it
        // stored is forgotten: sequences start again from 1, and it must trim nothing of the new timeline.
        await FinishArchivingAsync();
        _archiving = null;

        // Every page that could hold an entry, not only those the window was trimmed of: a page is stored before the
        // trim that counts it is written, so an activation lost in between leaves a page the journal does not count
        // (and journals of versions before 2026-12-06 may hold pages stored before the page size was written). A page
        // never stored costs one read.
        var pageSize = State.Profile.ArchivePageSize == 0 ? _options.PageSize : State.Profile.ArchivePageSize;
        var pages = State.LastSequence == 0 ? 0 : (State.LastSequence - 1) / pageSize + 1;

        // What is left is not personal: the receipt, the value chains counterparties rely on, the events still to
        // publish (now with CustomerErased), and the archive pages and communities left to clean. The next write
        // rewrites the journal as a snapshot of just that, so the erased data is gone from storage, not only hidden.
        _erasures++;
        // The events still to publish are kept, and those built from timeline entries need them built while they last.
        Outbox.StoreWhole(static _ => true);
        State.KeepOnlyAfterErasure(receipt, Math.Max(pages, State.Profile.ArchivePagesToErase), communities);
        foreach (var (intentId, castTo) in openIntents)
        {
            Outbox.Add(new IntentWithdrawn(CustomerId, intentId, now, castTo), now);
        }

        Outbox.Add(new CustomerErased(CustomerId, partners, now), now);
        compactions.Request(this.GetGrainId());
        await PersistAsync();
        await EraseWhatIsLeftAsync(receipt);
        // The reminder stays for one more tick, which sweeps the webhook queues again and goes: an event raised before
        // the erasure and published after it (the outbox above still held it) reaches a receiver's queue only once its
        // first attempt has failed, up to Webhooks:Timeout after, and the sweep above came first.
        return receipt;
    }

    /// <summary>The steps after the erasure's own write, each safe to run again: a resumed erasure runs them all.</summary>
    private async Task EraseWhatIsLeftAsync(ErasureReceipt receipt)
    {
        await EraseArchivePagesAsync();
        await DirectoryShard().RemoveAsync(CustomerId);
        await ForgetValueChainsAsync(receipt);
        await ForgetInPartnerInboxesAsync(receipt);
        List<string> cleaning = [.. receipt.CommunitiesPseudonymised ?? [], .. State.CommunitiesToErase];
        await PseudonymiseInCommunitiesAsync(receipt.PostTextsKept);
        // Only those this erasure cleaned: one the customer joined since is theirs now.
        await Memberships().ForgetAsync(cleaning);
        await EraseAccessLogsAsync();
        await ForgetWebhookDeliveriesAsync(receipt);
        if (State.Profile.ErasureUnfinished)
        {
            // Written as a snapshot again, which removes whatever the first one's compaction left in storage should it
            // have been cut short (the request lived in the memory of a silo that died).
            State.Profile = State.Profile with { ErasureUnfinished = false };
            compactions.Request(this.GetGrainId());
            await PersistAsync();
        }
    }

    /// <summary>
    /// Called by every change that brings an erased customer back, before it changes anything: an erasure cut short
    /// is finished first. Its steps act on the customer's id, so run after the customer's return they took the new
    /// directory card, access log and community posts with them; and once the customer was back, the reminder took
    /// the erasure for done and left them undone (archive pages of the old timeline among them, which the new one's
    /// pages were then taken for).
    /// </summary>
    private async Task FinishErasureBeforeChangesAsync()
    {
        if (ErasureLeftToFinish is not { } receipt)
        {
            return;
        }

        try
        {
            await EraseWhatIsLeftAsync(receipt);
        }
        catch (Exception e)
        {
            LogErasureNotFinished(logger, e, CustomerId);
            throw new RelationshipUnavailableException(
                $"Customer '{CustomerId}' is still being erased and the erasure could not be finished just now; nothing was changed. Try again in a minute.", 60, e);
        }
    }

    /// <summary>
    /// The erasure whose steps may still be undone: one marked unfinished, or one whose customer has not been seen
    /// since (that covers erasures cut short before they were marked, in journals from before December 2026; the
    /// steps are safe to run again).
    /// </summary>
    private ErasureReceipt? ErasureLeftToFinish =>
        State.Profile.Erasure is { } receipt && (State.Profile.ErasureUnfinished || State.CreatedAt is null) ? receipt : null;

    /// <summary>
    /// The erasure reminder's tick: whatever the erasure has left, done now, and the reminder goes. Only the steps,
    /// never a new erasure: a customer back meanwhile keeps what is theirs now.
    /// </summary>
    private async Task FinishErasureAsync()
    {
        if (ErasureLeftToFinish is { } receipt)
        {
            await EraseWhatIsLeftAsync(receipt);
        }

        await ForgetErasureReminderAsync();
    }

    private async Task ForgetErasureReminderAsync()
    {
        if (await this.GetReminder(ErasureReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// The chains stay with their partners under a pseudonym: left on the id, they were listed to, and told their steps
    /// to, whoever came back under it. Asked of every chain again when an erasure resumes; a chain done says so at once.
    /// </summary>
    private async Task ForgetValueChainsAsync(ErasureReceipt receipt)
    {
        foreach (var chain in receipt.ValueChainsKept)
        {
            await GrainFactory.GetGrain<IValueChainErasureGrain>(chain).ForgetOwnerAsync(CustomerId);
        }
    }

    /// <summary>
    /// Every intent was cast to the partners that matched it, and their inboxes named the customer by id; the intents are
    /// gone, so the casts go too. Each partner the receipt names: it lists every partner an intent was cast to.
    /// </summary>
    private async Task ForgetInPartnerInboxesAsync(ErasureReceipt receipt)
    {
        foreach (var partner in receipt.PartnersNotified)
        {
            await GrainFactory.GetGrain<IPartnerAccountGrain>(partner).ForgetCustomerAsync(CustomerId);
        }
    }

    /// <summary>
    /// Deliveries about the customer waiting for a receiver, and dead letters, hold what their events said: they go,
    /// but for the events the erasure raised itself, which receivers must still get.
    /// </summary>
    private async Task ForgetWebhookDeliveriesAsync(ErasureReceipt receipt)
    {
        var subscriptions = await GrainFactory.GetGrain<IWebhookRegistryGrain>(0).ListAsync();
        // Partners' bodies name the customer by the partner's pseudonym for them.
        IReadOnlyList<string> names = [CustomerId, .. subscriptions.Select(s => s.PartnerId).OfType<string>().Distinct().Select(p => pseudonyms.For(CustomerId, p))];
        foreach (var subscription in subscriptions)
        {
            await GrainFactory.GetGrain<IWebhookRetriesGrain>(subscription.SubscriptionId).ForgetCustomerAsync(CustomerId, names, receipt.ErasedAt);
        }

        await GrainFactory.GetGrain<IWebhookDeadLettersGrain>(0).ForgetCustomerAsync(CustomerId, names, receipt.ErasedAt);
    }

    private ICustomerCommunitiesGrain Memberships() => GrainFactory.GetGrain<ICustomerCommunitiesGrain>(CustomerId);

    /// <summary>Partners' reads and staff's looks go too: both logs are keyed by the customer's id.</summary>
    private async Task EraseAccessLogsAsync()
    {
        await PartnerAccessLog().EraseAsync();
        await GrainFactory.GetGrain<IStaffAccessLogGrain>(CustomerId).EraseAsync();
    }

    /// <summary>
    /// Posts, votes, comments and evidence stay with their communities (others replied and voted on them) under a
    /// pseudonym no one can turn back into the customer without the pseudonym secret; what the customer wrote there
    /// is removed unless the operator kept it.
    /// </summary>
    private async Task PseudonymiseInCommunitiesAsync(bool keepTexts)
    {
        var pseudonym = pseudonyms.ForErasedCustomer(CustomerId);
        while (State.CommunitiesToErase.Count > 0)
        {
            var community = State.CommunitiesToErase[^1];
            await GrainFactory.GetGrain<ICommunityStewardshipGrain>(community).EraseCustomerAsync(CustomerId, pseudonym, keepTexts);
            State.CommunityErased(community);
            await PersistAsync();
        }
    }

    /// <summary>Deletes the archive pages an erasure left, newest first, recording progress so a retry resumes.</summary>
    private async Task EraseArchivePagesAsync()
    {
        var left = State.Profile.ArchivePagesToErase;
        while (left > 0)
        {
            await ArchivePage(left - 1).EraseAsync();
            left--;
            if (left == 0)
            {
                State.Profile = State.Profile with { ArchivePagesToErase = 0 };
                await PersistAsync();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finishing the erasure of customer {CustomerId} before a change failed; the change was refused and the erasure's reminder tries again.")]
    private static partial void LogErasureNotFinished(ILogger logger, Exception exception, string customerId);
}
