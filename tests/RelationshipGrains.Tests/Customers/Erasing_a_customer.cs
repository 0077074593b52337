using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Partners;
using RelationshipGrains.Grains.ValueChains;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Partners;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Tests.Customers;

[Collection(ClusterCollection.Name)]
public sealed class Erasing_a_customer(ClusterFixture fixture)
{
    [Fact]
    public async Task Erasure_removes_every_personal_record_including_the_archive_and_tells_the_partners_once()
    {
        var world = new PartnerWorld(fixture.Grains);
        var partner = await world.Partner("bikes");
        var customer = await world.Customer();
        var id = customer.GetPrimaryKeyString();
        await customer.UpdateProfileAsync(new UpdateProfile("Ada Lovelace", [new ContactPoint(Channel.Email, "ada@example.com")], "en", ["vip"]));
        for (var i = 1; i <= ClusterFixture.WindowSize + ClusterFixture.PageSize + 3; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"m-{i}", $"My address is {i} Analytical Street"));
        }

        await customer.ExpressIntentAsync(world.Intent("bike"));
        var inbox = fixture.Grains.GetGrain<IPartnerGrain>(partner).GetGrainId();
        Assert.Contains(fixture.Storage.Peek<PartnerState>("partner", inbox)!.Inbox, c => c.CustomerId == id);
        var insurer = await world.Partner("insurer");
        await customer.GrantConsentAsync(new GrantConsent(insurer, [ConsentScope.Profile], null));
        Assert.NotNull(await customer.ForPartners().GetProfileForPartnerAsync(insurer));
        var partnerReads = fixture.Grains.GetGrain<IPartnerAccessLogGrain>(id).GetGrainId();
        Assert.True(fixture.Journals.Holds(partnerReads, insurer));
        var firstPage = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{id}/0");
        await fixture.Cluster.DeactivateAsync(customer);
        Assert.NotEmpty(await firstPage.GetAsync());

        var receipt = await customer.Stewardship().EraseAsync();
        var again = await customer.Stewardship().EraseAsync();

        var export = await customer.Stewardship().ExportAsync();
        var timeline = await customer.Stewardship().ExportTimelineAsync().ToListAsync();
        Assert.Null(export.Profile);
        Assert.Empty(export.Intents);
        Assert.Empty(export.Consents);
        Assert.Empty(export.Values.Weights!);
        Assert.Empty(timeline);
        Assert.Empty(await customer.ListPartnerAccessAsync());
        Assert.Null(fixture.Storage.Peek<TimelineArchivePageState>("timeline-page", firstPage.GetGrainId()));
        Assert.Null(fixture.Storage.Peek<TimelineArchivePageState>("timeline-page",
            fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{id}/1").GetGrainId()));
        // Physically gone from the journal, not only from the grain's memory.
        Assert.False(fixture.Journals.Holds(customer.GetGrainId(), "Analytical"));
        Assert.False(fixture.Journals.Holds(customer.GetGrainId(), "Ada Lovelace"));
        Assert.False(fixture.Journals.Holds(customer.GetGrainId(), "ada@example.com"));
        Assert.False(fixture.Journals.Holds(partnerReads, insurer));
        // The partner's inbox named the customer by id, in storage as well.
        Assert.DoesNotContain(fixture.Storage.Peek<PartnerState>("partner", inbox)!.Inbox, c => c.CustomerId == id);
        Assert.Equal(new[] { partner, insurer }.Order(StringComparer.Ordinal), receipt.PartnersNotified.Order(StringComparer.Ordinal));
        Assert.Equal(receipt.ErasedAt, again.ErasedAt);
        Assert.Equal(receipt.PartnersNotified, again.PartnersNotified);

        // Events leave one grain in order: once an interaction recorded after the erasure is out, a second
        // CustomerErased would be too.
        await customer.RecordInteractionAsync(Requests.Interaction("after"));
        await fixture.Events.WaitForAsync<InteractionRecorded>(e => e.CustomerId == id && e.InteractionId == "after");
        var erased = Assert.Single(fixture.Events.OfType<CustomerErased>(), e => e.CustomerId == id);
        Assert.Equal(receipt.PartnersNotified, erased.PartnerIds);

        // Its open intent ended with it, once, for the partners it was cast to and for BI's count of open intents.
        Assert.Single(fixture.Events.OfType<IntentWithdrawn>(), e => e.CustomerId == id && e.IntentId == "bike");
    }

    [Fact]
    public async Task An_archive_page_whose_trim_was_lost_with_the_activation_is_erased_too()
    {
        // The first page is stored as the window overflows, and the window's trim (and the page size) would be written
        // with the next change, which fails: the activation goes, and the journal does not count the page.
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        var id = customer.GetPrimaryKeyString();
        for (var i = 1; i <= ClusterFixture.WindowSize + 1; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"m-{i}", $"My address is {i} Babbage Row"));
        }

        using (fixture.Journals.FailWritesTo(customer.GetGrainId()))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => customer.RecordInteractionAsync(Requests.Interaction("lost")));
        }

        await fixture.Cluster.DeactivateAsync(customer);
        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{id}/0");
        Assert.NotNull(fixture.Storage.Peek<TimelineArchivePageState>("timeline-page", page.GetGrainId()));
        await customer.Stewardship().EraseAsync();
        var erased = fixture.Storage.Peek<TimelineArchivePageState>("timeline-page", page.GetGrainId());

        // The customer comes back, and their first page is theirs, not the erased timeline's.
        for (var i = 1; i <= ClusterFixture.WindowSize + 1; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"back-{i}"));
        }

        // The page is stored after the call that filled the window; a deactivation waits for it.
        await fixture.Cluster.DeactivateAsync(customer);
        Assert.Null(erased);
        Assert.Equal(Enumerable.Range(1, ClusterFixture.PageSize).Select(i => $"back-{i}"), (await page.GetAsync()).Select(e => e.EntryId));
    }

    [Fact]
    public async Task An_erasure_while_a_page_is_being_stored_erases_that_page_and_leaves_the_new_timeline_whole()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        for (var i = 1; i <= ClusterFixture.WindowSize; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"m-{i}", $"My address is {i} Jacquard Court"));
        }

        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{customer.GetPrimaryKeyString()}/0");
        var (arrived, release) = fixture.Storage.HoldNextWriteOf(page.GetGrainId());
        await customer.RecordInteractionAsync(Requests.Interaction("fills-the-window"));
        await arrived.WaitAsync(TimeSpan.FromSeconds(10));

        // Released once the erasure has begun (its reminder is its first write).
        var erasing = customer.Stewardship().EraseAsync();
        await Poll.UntilAsync(() => Task.FromResult(fixture.Reminders.Holds(customer.GetGrainId(), CustomerGrain.ErasureReminder)), held => held,
            TimeSpan.FromSeconds(10), "the erasure's reminder");
        release.SetResult();
        await erasing;
        var erased = fixture.Storage.Peek<TimelineArchivePageState>("timeline-page", page.GetGrainId());
        var back = await customer.RecordInteractionAsync(Requests.Interaction("back-1"));
        var again = await customer.RecordInteractionAsync(Requests.Interaction("back-2"));

        // The page's store, finished for the erased timeline, trims nothing of the new one.
        Assert.Null(erased);
        Assert.Equal([1L, 2L], [back.Entry.Sequence, again.Entry.Sequence]);
        Assert.Equal(["back-1", "back-2"], (await customer.GetTimelineAsync(new TimelineQuery(After: 0))).Entries.Select(e => e.EntryId));
    }

    /// <summary>
    /// A customer with an archive page, a consent and a partner's read, whose erasure fails at its first step after its
    /// own write, as if the silo had died there.
    /// </summary>
    private async Task<(ICustomerGrain Customer, string Insurer, GrainId PartnerReads, ITimelineArchivePageGrain Page)> EraseCutShortAsync()
    {
        var world = new PartnerWorld(fixture.Grains);
        var customer = await world.Customer();
        var id = customer.GetPrimaryKeyString();
        for (var i = 1; i <= ClusterFixture.WindowSize + ClusterFixture.PageSize; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"m-{i}", $"My address is {i} Difference Lane"));
        }

        var insurer = await world.Partner("insurer");
        await customer.GrantConsentAsync(new GrantConsent(insurer, [ConsentScope.Profile], null));
        await customer.ForPartners().GetProfileForPartnerAsync(insurer);
        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{id}/0");
        await fixture.Cluster.DeactivateAsync(customer);
        Assert.NotEmpty(await page.GetAsync());
        fixture.Failures.FailNext(nameof(ITimelineArchivePageGrain.EraseAsync), $"{id}/0");

        await Assert.ThrowsAnyAsync<Exception>(() => customer.Stewardship().EraseAsync());
        return (customer, insurer, fixture.Grains.GetGrain<IPartnerAccessLogGrain>(id).GetGrainId(), page);
    }

    [Fact]
    public async Task An_erasure_cut_short_is_finished_by_its_reminder_without_being_asked_again()
    {
        var (customer, insurer, partnerReads, page) = await EraseCutShortAsync();

        Assert.Null((await customer.Stewardship().ExportAsync()).Profile);
        Assert.NotNull(fixture.Storage.Peek<TimelineArchivePageState>("timeline-page", page.GetGrainId()));
        Assert.True(fixture.Journals.Holds(partnerReads, insurer));
        Assert.True(fixture.Reminders.Holds(customer.GetGrainId(), CustomerGrain.ErasureReminder));

        await customer.AsReference<IRemindable>().ReceiveReminder(CustomerGrain.ErasureReminder,
            new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));

        Assert.Null(fixture.Storage.Peek<TimelineArchivePageState>("timeline-page", page.GetGrainId()));
        Assert.False(fixture.Journals.Holds(partnerReads, insurer));
        Assert.False(fixture.Reminders.Holds(customer.GetGrainId(), CustomerGrain.ErasureReminder));
    }

    [Fact]
    public async Task A_customer_coming_back_before_an_erasure_cut_short_is_finished_finds_it_finished_first()
    {
        var (customer, insurer, partnerReads, page) = await EraseCutShortAsync();
        var id = customer.GetPrimaryKeyString();

        // Finishing the erasure fails once more: the change is refused, and nothing of it is kept.
        fixture.Failures.FailNext(nameof(ITimelineArchivePageGrain.EraseAsync), $"{id}/0");
        await Assert.ThrowsAsync<RelationshipUnavailableException>(() => customer.RecordInteractionAsync(Requests.Interaction("back-1")));
        Assert.Empty((await customer.GetTimelineAsync(new TimelineQuery())).Entries);

        // The next change finishes the erasure first, then starts the returned customer's timeline.
        var back = await customer.RecordInteractionAsync(Requests.Interaction("back-2"));

        Assert.Equal(1, back.Entry.Sequence);
        Assert.Null(fixture.Storage.Peek<TimelineArchivePageState>("timeline-page", page.GetGrainId()));
        Assert.False(fixture.Journals.Holds(partnerReads, insurer));

        // The reminder's tick after the return leaves the returned customer alone.
        await customer.AsReference<IRemindable>().ReceiveReminder(CustomerGrain.ErasureReminder,
            new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));
        Assert.Equal(["back-2"], (await customer.GetTimelineAsync(new TimelineQuery())).Entries.Select(e => e.EntryId));
        Assert.False(fixture.Reminders.Holds(customer.GetGrainId(), CustomerGrain.ErasureReminder));
    }

    [Fact]
    public async Task A_live_feed_open_during_an_erasure_ends_with_an_error_saying_the_timeline_starts_again()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        for (var i = 1; i <= 3; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"w-{i}"));
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var feed = customer.WatchTimelineAsync(0, cts.Token).GetAsyncEnumerator(cts.Token);
        for (var i = 1; i <= 3; i++)
        {
            Assert.True(await feed.MoveNextAsync());
        }

        var waiting = feed.MoveNextAsync();
        await customer.Stewardship().EraseAsync();
        await customer.RecordInteractionAsync(Requests.Interaction("back"));

        // Waiting for sequence 4, it would have slept through the returned customer's 1, 2 and 3.
        var ended = await Assert.ThrowsAsync<RelationshipConflictException>(async () => await waiting);
        Assert.Contains("starts again from sequence 1", ended.Message, StringComparison.Ordinal);
        Assert.Equal(["back"], (await customer.GetTimelineAsync(new TimelineQuery())).Entries.Select(e => e.EntryId));

        // A subscriber through the SDK resuming by its last sequence is told so too, as over HTTP, rather than waiting
        // for a sequence 4 below which the new timeline's entries would be skipped.
        await using var resumed = customer.WatchTimelineAsync(3, cts.Token).GetAsyncEnumerator(cts.Token);
        var refused = await Assert.ThrowsAsync<RelationshipConflictException>(async () => await resumed.MoveNextAsync());
        Assert.StartsWith("The timeline's latest entry is 1, before 3: it started again from sequence 1", refused.Message, StringComparison.Ordinal);
        await using var fromStart = customer.WatchTimelineAsync(0, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await fromStart.MoveNextAsync());
        Assert.Equal("back", fromStart.Current.EntryId);
    }

    [Fact]
    public async Task An_erased_customer_may_come_back_by_making_a_value_chain_which_is_theirs()
    {
        var (_, owner, _) = await ValueChainWorld.CommittedAsync(fixture.Grains);
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(owner);
        await customer.Stewardship().EraseAsync();

        var fresh = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        await fresh.CreateAsync(new CreateValueChain(owner, "Trailer", [new SlotDefinition("maker")]));

        // Its first step is the returned customer's, not a late notice of a chain the erasure let go.
        Assert.Equal([fresh.GetPrimaryKeyString()], await customer.ListValueChainsAsync());
        Assert.Single((await customer.GetTimelineAsync(new TimelineQuery())).Entries, e => e.Kind == TimelineEntryKind.ValueChainStep);
    }

    [Fact]
    public async Task An_erased_customers_value_chains_stay_with_their_partners_and_leave_the_id_to_whoever_comes_back()
    {
        var (chain, owner, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains);
        var forMaker = chain.AsReference<IValueChainForPartnersGrain>();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(owner);
        var chainId = chain.GetPrimaryKeyString();
        var before = await forMaker.GetForPartnerAsync(maker);
        Assert.Equal([chainId], await customer.ListValueChainsAsync());

        var receipt = await customer.Stewardship().EraseAsync();
        await customer.Stewardship().EraseAsync();
        await customer.RecordInteractionAsync(Requests.Interaction("back"));
        await forMaker.UpdateFulfilmentAsync(maker, "maker", FulfilmentStatus.InProduction, "In the workshop");

        // The partner keeps the chain, its terms and its progress, under a customer reference it cannot link back.
        var after = await forMaker.GetForPartnerAsync(maker);
        Assert.Equal([chainId], receipt.ValueChainsKept);
        Assert.Equal(ValueChainStatus.Committed, after.Status);
        Assert.Equal(FulfilmentStatus.InProduction, Assert.Single(after.Slots).Fulfilment);
        Assert.NotEqual(before.CustomerRef, after.CustomerRef);

        // Whoever holds the id next neither finds the chain nor hears of its steps; storage no longer names the owner.
        Assert.Empty(await customer.ListValueChainsAsync());
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => chain.GetForOwnerAsync(owner));
        var timeline = await customer.GetTimelineAsync(new TimelineQuery());
        Assert.Equal(["back"], timeline.Entries.Select(e => e.EntryId));
        var stored = fixture.Storage.Peek<ValueChainState>("value-chain", chain.GetGrainId());
        Assert.NotNull(stored);
        Assert.NotEqual(owner, stored.OwnerCustomerId);
        // Nor does the pseudonym in the owner's place act as the owner: it is shown on the customer's old posts.
        Assert.StartsWith("erased-", stored.OwnerCustomerId, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => chain.GetForOwnerAsync(stored.OwnerCustomerId!));
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => chain.CancelAsync(stored.OwnerCustomerId!, "Not mine"));
        await Assert.ThrowsAsync<RelationshipConflictException>(() => chain.CreateAsync(new CreateValueChain(stored.OwnerCustomerId!, stored.Title, [])));
    }

    [Fact]
    public async Task An_erased_customers_open_value_chain_is_cancelled_for_its_partners_without_what_the_customer_wrote()
    {
        var world = new PartnerWorld(fixture.Grains);
        var customer = await world.Customer();
        var owner = customer.GetPrimaryKeyString();
        var maker = await world.Partner("maker");
        var chain = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        var chainId = chain.GetPrimaryKeyString();
        await chain.CreateAsync(new CreateValueChain(owner, "A trailer for Emma's birthday", [new SlotDefinition("maker", "Deliver to 12 Analytical Street")]));
        await chain.InviteAsync(owner, "maker", maker);
        var forMaker = chain.AsReference<IValueChainForPartnersGrain>();
        await forMaker.OfferAsync(maker, "maker", PartnerWorld.Offer(300, 5));
        var dropped = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        await dropped.CreateAsync(new CreateValueChain(owner, "A swing for Emma", [new SlotDefinition("maker", "Oak, please")]));
        await dropped.CancelAsync(owner, "Changed my mind");

        var receipt = await customer.Stewardship().EraseAsync();
        await customer.Stewardship().EraseAsync();

        Assert.Equal(new[] { chainId, dropped.GetPrimaryKeyString() }.Order(StringComparer.Ordinal), receipt.ValueChainsKept.Order(StringComparer.Ordinal));
        var seen = await forMaker.GetForPartnerAsync(maker);
        Assert.Equal(ValueChainStatus.Cancelled, seen.Status);
        Assert.Equal("[removed]", seen.Title);
        var slot = Assert.Single(seen.Slots);
        Assert.Null(slot.Requirements);
        Assert.Equal(300, Assert.Single(slot.Offers).Price.Amount);
        await Assert.ThrowsAsync<RelationshipConflictException>(() => forMaker.OfferAsync(maker, "maker", PartnerWorld.Offer(280, 5)));
        var cancelled = Assert.Single(await fixture.Events.WaitForAsync<ValueChainCancelled>(e => e.ValueChainId == chainId));
        Assert.StartsWith("erased-", cancelled.CustomerId, StringComparison.Ordinal);
        Assert.Equal("The customer who owned this value chain was erased.", cancelled.Reason);
        Assert.False(cancelled.WasCommitted);
        Assert.Equal([maker], cancelled.PartnerIds);
        var stored = fixture.Storage.Peek<ValueChainState>("value-chain", chain.GetGrainId())!;
        Assert.Equal("[removed]", stored.Title);
        Assert.Null(stored.Slots[0].Requirements);
        Assert.Single(fixture.Events.OfType<ValueChainCancelled>(), e => e.ValueChainId == chainId);
        // One cancelled before it was committed keeps nothing the customer wrote either, and is not cancelled twice.
        var cancelledBefore = fixture.Storage.Peek<ValueChainState>("value-chain", dropped.GetGrainId())!;
        Assert.Equal(("[removed]", null, ValueChainStatus.Cancelled), (cancelledBefore.Title, cancelledBefore.Slots[0].Requirements, cancelledBefore.Status));
        // Stored with the erasure's write, a second cancel would still be in the outbox it wrote, published or not.
        Assert.DoesNotContain(cancelledBefore.Outbox, m => m.Payload.Contains(ValueChainGrain.OwnerErasedReason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chain_whose_first_step_never_reached_its_owner_is_still_erased_and_one_never_written_is_skipped()
    {
        var customer = await new PartnerWorld(fixture.Grains).Customer();
        var owner = customer.GetPrimaryKeyString();
        var untold = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        var unwritten = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        // The chain is written, then its step fails to reach the customer, and the caller never tries again.
        fixture.Failures.FailNext(nameof(ICustomerNoticesGrain.RecordValueChainStepAsync), owner);
        await Assert.ThrowsAsync<InvalidOperationException>(() => untold.CreateAsync(new CreateValueChain(owner, "A trailer for Emma's birthday", [])));
        using (fixture.Storage.FailWritesOf(grain => grain == unwritten.GetGrainId()))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => unwritten.CreateAsync(new CreateValueChain(owner, "A swing for Emma", [])));
        }

        var listed = await fixture.Grains.GetGrain<ICustomerValueChainsGrain>(0).ListAsync(owner);
        var receipt = await customer.Stewardship().EraseAsync();

        Assert.Equal([untold.GetPrimaryKeyString()], listed.Select(c => c.ValueChainId));
        Assert.Contains(untold.GetPrimaryKeyString(), receipt.ValueChainsKept);
        var stored = fixture.Storage.Peek<ValueChainState>("value-chain", untold.GetGrainId())!;
        Assert.Equal(("[removed]", ValueChainStatus.Cancelled), (stored.Title, stored.Status));
        Assert.StartsWith("erased-", stored.OwnerCustomerId, StringComparison.Ordinal);
        // The chain never written stays unwritten: the erasure's visit finds no owner there and writes nothing. Its
        // create tried again is refused at once, not left waiting on the erasure that asks the chain.
        Assert.Null(fixture.Storage.Peek<ValueChainState>("value-chain", unwritten.GetGrainId())?.OwnerCustomerId);
        await Assert.ThrowsAsync<RelationshipConflictException>(() => unwritten.CreateAsync(new CreateValueChain(owner, "A swing for Emma", [])));
        Assert.Null(fixture.Storage.Peek<ValueChainState>("value-chain", unwritten.GetGrainId())?.OwnerCustomerId);
    }

    [Fact]
    public async Task Staff_action_log_entries_from_before_that_name_a_member_are_rewritten_without_the_id()
    {
        // The log outlives erasures; entries written before it named members by the route's placeholder kept the id.
        var log = fixture.Grains.GetGrain<RelationshipGrains.Auditing.IStaffActionLogGrain>(0);
        var member = Keys.Customer("member");
        var at = fixture.Time.GetUtcNow();
        await log.RecordAsync(new StaffAccess("00uOlu", "Olu", $"Leave a community (DELETE /api/v1/communities/chairs/members/{member})", at));
        await log.RecordAsync(new StaffAccess("00uOlu", "Olu", $"Change a member's role (PUT /api/v1/communities/chairs/members/{member}/role)", at));
        await log.RecordAsync(new StaffAccess("00uOlu", "Olu", "Create or configure a community (PUT /api/v1/communities/chairs)", at));
        Assert.True(fixture.Journals.Holds(log.GetGrainId(), member));

        await fixture.Cluster.DeactivateAsync(log);
        var listed = (await log.ListAsync()).Take(3).Select(a => a.What);

        Assert.Equal(
            [
                "Create or configure a community (PUT /api/v1/communities/chairs)",
                "Change a member's role (PUT /api/v1/communities/chairs/members/{customerId}/role)",
                "Leave a community (DELETE /api/v1/communities/chairs/members/{customerId})",
            ],
            listed);
        Assert.False(fixture.Journals.Holds(log.GetGrainId(), member));
    }

    [Fact]
    public async Task A_chain_noted_after_an_erasure_whose_step_never_came_leaves_the_customer_away_and_goes_with_the_next_erasure()
    {
        var customer = await new PartnerWorld(fixture.Grains).Customer();
        var owner = customer.GetPrimaryKeyString();
        await customer.Stewardship().EraseAsync();
        var chain = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        fixture.Failures.FailNext(nameof(ICustomerNoticesGrain.RecordValueChainStepAsync), owner);
        await Assert.ThrowsAsync<InvalidOperationException>(() => chain.CreateAsync(new CreateValueChain(owner, "A tent for Emma", [])));

        var away = await customer.GetProfileAsync();
        var receipt = await customer.Stewardship().EraseAsync();

        Assert.Null(away);
        Assert.Contains(chain.GetPrimaryKeyString(), receipt.ValueChainsKept);
        var stored = fixture.Storage.Peek<ValueChainState>("value-chain", chain.GetGrainId())!;
        Assert.Equal(("[removed]", ValueChainStatus.Cancelled), (stored.Title, stored.Status));
        Assert.StartsWith("erased-", stored.OwnerCustomerId, StringComparison.Ordinal);
        Assert.Empty(await customer.ListValueChainsAsync());
    }

    [Fact]
    public async Task Events_of_an_erased_owners_chain_still_waiting_for_the_broker_go_out_under_the_pseudonym()
    {
        var customer = await new PartnerWorld(fixture.Grains).Customer();
        var owner = customer.GetPrimaryKeyString();
        var chain = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        var chainId = chain.GetPrimaryKeyString();
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Events.Refuse = m => m.Payload.Contains(chainId, StringComparison.Ordinal) && (refused.TrySetResult() || true);
        try
        {
            await chain.CreateAsync(new CreateValueChain(owner, "Trailer", [new SlotDefinition("maker")]));
            await refused.Task.WaitAsync(TimeSpan.FromSeconds(30));

            await customer.Stewardship().EraseAsync();

            var stored = fixture.Storage.Peek<ValueChainState>("value-chain", chain.GetGrainId())!;
            Assert.Equal(2, stored.Outbox.Count);
            Assert.DoesNotContain(stored.Outbox, m => m.Payload.Contains(owner, StringComparison.Ordinal));
        }
        finally
        {
            fixture.Events.Refuse = _ => false;
        }

        var opened = Assert.Single(await fixture.Events.WaitAdvancingAsync<ValueChainOpened>(fixture.Time, TimeSpan.FromSeconds(5), e => e.ValueChainId == chainId));
        var cancelled = Assert.Single(await fixture.Events.WaitAdvancingAsync<ValueChainCancelled>(fixture.Time, TimeSpan.FromSeconds(5), e => e.ValueChainId == chainId));
        Assert.StartsWith("erased-", opened.CustomerId, StringComparison.Ordinal);
        Assert.Equal(opened.CustomerId, cancelled.CustomerId);
        // Never committed, the chain keeps nothing the customer wrote, nor do its events.
        Assert.Equal("[removed]", opened.Title);
    }

    [Fact]
    public async Task A_customer_who_comes_back_after_erasure_starts_a_new_timeline_and_can_be_erased_again()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        await customer.RecordInteractionAsync(Requests.Interaction("before"));
        var first = await customer.Stewardship().EraseAsync();

        var back = await customer.RecordInteractionAsync(Requests.Interaction("back"));
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await customer.Stewardship().EraseAsync();

        Assert.Equal(1, back.Entry.Sequence);
        Assert.True(second.ErasedAt > first.ErasedAt);
        Assert.Empty(await customer.Stewardship().ExportTimelineAsync().ToListAsync());
    }
}
