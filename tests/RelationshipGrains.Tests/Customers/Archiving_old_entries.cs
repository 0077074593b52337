using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Customers;

/// <summary>The cluster fixture keeps a window of 20 entries and archives pages of 10.</summary>
[Collection(ClusterCollection.Name)]
public sealed class Archiving_old_entries(ClusterFixture fixture)
{
    private async Task<ICustomerGrain> CustomerWithEntries(int count)
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        for (var i = 1; i <= count; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"a-{i}", $"message {i}"));
        }

        return customer;
    }

    [Fact]
    public async Task Pages_keep_the_size_they_were_numbered_by_when_the_activation_that_stored_the_first_is_lost()
    {
        // The first page is stored after the change that filled the window. The page size, which numbers every page,
        // must be in storage by then: written with the next change instead, it was lost with an activation that failed
        // that change, and the next activation numbered pages by the size configured since. An erasure, which counts
        // pages by the journal's size, then left those stored under the old one.
        var options = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IOptions<TimelineOptions>>().Value;
        var customer = await CustomerWithEntries(ClusterFixture.WindowSize + 1);
        var id = customer.GetPrimaryKeyString();
        using (fixture.Journals.FailWritesTo(customer.GetGrainId()))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => customer.RecordInteractionAsync(Requests.Interaction("lost")));
        }

        await fixture.Cluster.DeactivateAsync(customer);
        options.PageSize = 2 * ClusterFixture.PageSize;
        try
        {
            // Enough for a second page of the first size, however long the first page takes to store: the window holds
            // 20 once the first page leaves it, and a change waits for a store that has let 10 more entries come.
            for (var i = ClusterFixture.WindowSize + 2; i <= ClusterFixture.WindowSize + ClusterFixture.PageSize + 2; i++)
            {
                await customer.RecordInteractionAsync(Requests.Interaction($"a-{i}", $"message {i}"));
            }

            await fixture.Cluster.DeactivateAsync(customer);
        }
        finally
        {
            options.PageSize = ClusterFixture.PageSize;
        }

        var second = await fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{id}/1").GetAsync();
        Assert.Equal(Enumerable.Range(ClusterFixture.PageSize + 1, ClusterFixture.PageSize).Select(i => (long)i), second.Select(e => e.Sequence));
        var oldest = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: ClusterFixture.WindowSize));
        Assert.Equal(Enumerable.Range(1, ClusterFixture.WindowSize).Select(i => $"message {i}"), oldest.Entries.Select(e => e.Text));
    }

    [Fact]
    public async Task The_journal_keeps_only_the_window_once_compacted()
    {
        var customer = await CustomerWithEntries(95);

        // Compactions come every 16 appends, so the last snapshot was taken after entry 64 at the latest; entries
        // older than its window (20, and at most a page of 10 more and the latest while a page is being stored) live
        // only in archive pages.
        var inJournal = Enumerable.Range(10, 24).Where(i => fixture.Journals.Holds(customer.GetGrainId(), $"message {i}")).ToList();
        await fixture.Cluster.DeactivateAsync(customer);
        var page = await customer.GetTimelineAsync(new TimelineQuery(Limit: 1));

        Assert.Empty(inJournal);
        Assert.True(fixture.Journals.Holds(customer.GetGrainId(), "message 95"));
        Assert.Equal(95, page.LatestSequence);
        Assert.Equal("message 95", Assert.Single(page.Entries).Text);
    }

    [Fact]
    public async Task The_whole_timeline_pages_across_window_and_archive_both_ways()
    {
        var customer = await CustomerWithEntries(95);

        List<long> backwards = [];
        long? before = null;
        TimelinePage page;
        do
        {
            page = await customer.GetTimelineAsync(new TimelineQuery(Before: before, Limit: 7));
            backwards.AddRange(page.Entries.Select(e => e.Sequence));
            before = page.Entries.Count > 0 ? page.Entries[^1].Sequence : null;
        }
        while (page.HasMore);

        var forwards = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 200));

        Assert.Equal(Enumerable.Range(1, 95).Reverse().Select(i => (long)i), backwards);
        Assert.Equal(Enumerable.Range(1, 95).Select(i => $"message {i}"), forwards.Entries.Select(e => e.Text));
    }

    [Fact]
    public async Task A_retry_of_an_archived_interaction_is_still_recognised()
    {
        var customer = await CustomerWithEntries(60);

        var retry = await customer.RecordInteractionAsync(Requests.Interaction("a-3", "message 3"));

        Assert.False(retry.Created);
        Assert.Equal(3, retry.Entry.Sequence);
    }

    [Fact]
    public async Task A_live_feed_resumed_from_an_archived_sequence_misses_nothing()
    {
        var customer = await CustomerWithEntries(45);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        List<long> received = [];
        await foreach (var entry in customer.WatchTimelineAsync(5, cts.Token).WithCancellation(cts.Token))
        {
            received.Add(entry.Sequence);
            if (entry.Sequence == 45)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(6, 40).Select(i => (long)i), received);
    }

    [Theory]
    [InlineData("profile updates")]
    [InlineData("intents expressed and withdrawn")]
    public async Task Changes_other_than_interactions_move_full_pages_out_of_the_window_too(string changes)
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{customer.GetPrimaryKeyString()}/0");
        for (var i = 1; i <= ClusterFixture.WindowSize + 2; i += 2)
        {
            if (changes == "profile updates")
            {
                await customer.UpdateProfileAsync(new UpdateProfile($"Name {i}"));
                await customer.UpdateProfileAsync(new UpdateProfile($"Name {i + 1}"));
            }
            else
            {
                await customer.ExpressIntentAsync(new ExpressIntent($"want-{i}", $"A chair, number {i}", "chairs"));
                await customer.WithdrawIntentAsync($"want-{i}");
            }
        }

        // The page is stored after the change that filled the window answers; a deactivation waits for it.
        await fixture.Cluster.DeactivateAsync(customer);

        var stored = fixture.Storage.Peek<TimelineArchivePageState>(TimelineArchivePageGrain.StateName, page.GetGrainId());
        Assert.NotNull(stored);
        Assert.Equal(Enumerable.Range(1, ClusterFixture.PageSize).Select(i => (long)i), stored.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_page_stored_before_a_crash_is_not_archived_twice()
    {
        var customer = await CustomerWithEntries(ClusterFixture.WindowSize);
        var firstPage = (await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: ClusterFixture.PageSize))).Entries;
        // As if the silo died after storing the page but before trimming the window.
        await fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{customer.GetPrimaryKeyString()}/0").StoreAsync(firstPage);

        await customer.RecordInteractionAsync(Requests.Interaction("after-crash"));
        var all = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 200));

        Assert.Equal(Enumerable.Range(1, ClusterFixture.WindowSize + 1).Select(i => (long)i), all.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Archiving_a_page_writes_the_page_once_without_reading_it_first_and_adds_no_journal_write()
    {
        var customer = await CustomerWithEntries(ClusterFixture.WindowSize);
        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{customer.GetPrimaryKeyString()}/0");
        var journalWrites = fixture.Journals.Writes(customer.GetGrainId());

        await customer.RecordInteractionAsync(Requests.Interaction("over-the-window"));
        var writesOfTheCall = fixture.Journals.Writes(customer.GetGrainId()) - journalWrites;
        // The page is stored after the call answers; a deactivation waits for it.
        await fixture.Cluster.DeactivateAsync(customer);

        var stored = fixture.Storage.Peek<TimelineArchivePageState>(TimelineArchivePageGrain.StateName, page.GetGrainId());
        Assert.Equal(1, writesOfTheCall);
        Assert.Equal(0, fixture.Storage.Reads(TimelineArchivePageGrain.StateName, page.GetGrainId()));
        Assert.Equal(Enumerable.Range(1, ClusterFixture.PageSize).Select(i => (long)i), stored!.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_slow_archive_page_holds_up_neither_the_write_that_filled_the_window_nor_the_next()
    {
        var customer = await CustomerWithEntries(ClusterFixture.WindowSize);
        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{customer.GetPrimaryKeyString()}/0");
        var (arrived, release) = fixture.Storage.HoldNextWriteOf(page.GetGrainId());

        var filled = await customer.RecordInteractionAsync(Requests.Interaction("fills-the-window")).WaitAsync(TimeSpan.FromSeconds(10));
        await arrived.WaitAsync(TimeSpan.FromSeconds(10));
        var next = await customer.RecordInteractionAsync(Requests.Interaction("while-the-page-is-stored")).WaitAsync(TimeSpan.FromSeconds(10));
        var whileStored = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 200));
        release.SetResult();
        await fixture.Cluster.DeactivateAsync(customer);
        var after = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 200));

        Assert.Equal(ClusterFixture.WindowSize + 1, filled.Entry.Sequence);
        Assert.Equal(ClusterFixture.WindowSize + 2, next.Entry.Sequence);
        Assert.Equal(Enumerable.Range(1, ClusterFixture.WindowSize + 2).Select(i => (long)i), whileStored.Entries.Select(e => e.Sequence));
        Assert.Equal(whileStored.Entries, after.Entries);
        Assert.Equal(Enumerable.Range(1, ClusterFixture.PageSize).Select(i => (long)i),
            fixture.Storage.Peek<TimelineArchivePageState>(TimelineArchivePageGrain.StateName, page.GetGrainId())!.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_conversation_faster_than_its_pages_are_stored_waits_for_them_once_a_page_more_came()
    {
        var customer = await CustomerWithEntries(ClusterFixture.WindowSize);
        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{customer.GetPrimaryKeyString()}/0");
        var (arrived, release) = fixture.Storage.HoldNextWriteOf(page.GetGrainId());
        for (var i = 1; i <= ClusterFixture.PageSize; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"more-{i}")).WaitAsync(TimeSpan.FromSeconds(10));
        }

        await arrived.WaitAsync(TimeSpan.FromSeconds(10));
        var waiting = customer.RecordInteractionAsync(Requests.Interaction("a-page-more"));
        // Not answered while the page is held (it never is, however long this waits).
        await Task.Delay(300);
        var answeredWhileHeld = waiting.IsCompleted;
        release.SetResult();
        var recorded = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(answeredWhileHeld);
        Assert.Equal(ClusterFixture.WindowSize + ClusterFixture.PageSize + 1, recorded.Entry.Sequence);
    }

    [Fact]
    public async Task An_entry_whose_page_is_being_stored_keeps_its_status_as_an_archived_one_does()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        var opened = await customer.RecordInteractionAsync(Requests.Interaction("case-1") with { Kind = TimelineEntryKind.ServiceCase });
        for (var i = 2; i <= ClusterFixture.WindowSize; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"a-{i}"));
        }

        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{customer.GetPrimaryKeyString()}/0");
        var (arrived, release) = fixture.Storage.HoldNextWriteOf(page.GetGrainId());
        await customer.RecordInteractionAsync(Requests.Interaction("fills-the-window"));
        await arrived.WaitAsync(TimeSpan.FromSeconds(10));

        var changed = await customer.ChangeEntryStatusAsync(new ChangeEntryStatus("case-1-resolved", opened.Entry.Sequence, "resolved", Author.System));
        var whileStored = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 1));
        release.SetResult();
        await fixture.Cluster.DeactivateAsync(customer);
        var archived = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 1));

        // Read from the window while its page was stored, then from the page: the same, as the status entry says.
        Assert.Equal("open", Assert.Single(whileStored.Entries).Status);
        Assert.Equal("open", Assert.Single(archived.Entries).Status);
        Assert.Equal(1, await ArchivedPages(customer, 2));
        Assert.Equal("resolved", changed.Entry.Status);
        Assert.Equal(opened.Entry.Sequence, changed.Entry.RelatesTo);
    }

    [Fact]
    public async Task A_deactivation_between_archiving_and_the_next_change_loses_and_doubles_nothing()
    {
        // The trim after archiving waits for the next change's write; here the deactivation writes it instead.
        var customer = await CustomerWithEntries(ClusterFixture.WindowSize + 1);
        await fixture.Cluster.DeactivateAsync(customer);

        var afterRestart = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 200));
        await customer.RecordInteractionAsync(Requests.Interaction("after-restart"));
        await fixture.Cluster.DeactivateAsync(customer);
        var all = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 200));

        Assert.Equal(Enumerable.Range(1, ClusterFixture.WindowSize + 1).Select(i => (long)i), afterRestart.Entries.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, ClusterFixture.WindowSize + 2).Select(i => (long)i), all.Entries.Select(e => e.Sequence));
        Assert.Equal(1, await ArchivedPages(customer, 2));
    }

    [Fact]
    public async Task A_page_already_in_storage_is_accepted_again_by_a_new_activation_and_a_stale_one_is_replaced()
    {
        var customer = await CustomerWithEntries(ClusterFixture.PageSize + 1);
        var entries = (await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: ClusterFixture.PageSize + 1))).Entries;
        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{Keys.Customer()}/0");
        await page.StoreAsync([.. entries.Take(ClusterFixture.PageSize)]);
        await fixture.Cluster.DeactivateAsync(page);
        var writes = fixture.Storage.Writes(TimelineArchivePageGrain.StateName, page.GetGrainId());

        await page.StoreAsync([.. entries.Take(ClusterFixture.PageSize)]);
        await fixture.Cluster.DeactivateAsync(page);
        var writesOfTheSamePage = fixture.Storage.Writes(TimelineArchivePageGrain.StateName, page.GetGrainId()) - writes;
        List<TimelineEntry> other = [.. entries.Take(ClusterFixture.PageSize).Select(e => e with { Text = "another timeline" })];
        await page.StoreAsync(other);
        await fixture.Cluster.DeactivateAsync(page);

        Assert.Equal(0, writesOfTheSamePage);
        Assert.Equal(other, await page.GetAsync());
    }

    [Fact]
    public async Task A_page_left_by_an_erased_timeline_is_replaced_by_the_returning_customers_own()
    {
        // An erasure used to count only the pages the window had been trimmed of; one stored ahead of its trim stayed.
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{customer.GetPrimaryKeyString()}/0");
        var now = DateTimeOffset.UtcNow;
        await page.StoreAsync([.. Enumerable.Range(1, ClusterFixture.PageSize).Select(i => new TimelineEntry(
            i, $"old-{i}", TimelineEntryKind.Interaction, now, now, Author.Customer, Channel.Email, Direction.Inbound, $"erased words {i}"))]);

        for (var i = 1; i <= ClusterFixture.WindowSize + 1; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"new-{i}"));
        }

        await fixture.Cluster.DeactivateAsync(customer);
        var all = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 200));

        Assert.Equal(Enumerable.Range(1, ClusterFixture.WindowSize + 1).Select(i => $"new-{i}"), all.Entries.Select(e => e.EntryId));
        Assert.Equal(Enumerable.Range(1, ClusterFixture.PageSize).Select(i => $"new-{i}"), (await page.GetAsync()).Select(e => e.EntryId));
    }

    [Fact]
    public async Task A_page_whose_write_answer_was_lost_is_read_from_storage_again()
    {
        // An erasure trusting the page's memory would have taken it for empty and left the words stored.
        var customer = await CustomerWithEntries(ClusterFixture.PageSize);
        var entries = (await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: ClusterFixture.PageSize))).Entries;
        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{Keys.Customer()}/0");
        var before = await page.GetAsync();

        fixture.Storage.LoseNextWriteAnswerOf = page.GetGrainId();
        await Assert.ThrowsAsync<IOException>(() => page.StoreAsync(entries));
        var after = await page.GetAsync();

        Assert.Empty(before);
        Assert.Equal(entries, after);
    }

    [Fact]
    public async Task A_page_write_whose_answer_was_lost_is_accepted_when_retried_also_after_an_erasure()
    {
        var customer = await CustomerWithEntries(ClusterFixture.PageSize);
        var entries = (await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: ClusterFixture.PageSize))).Entries;
        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{Keys.Customer()}/0");

        fixture.Storage.LoseNextWriteAnswerOf = page.GetGrainId();
        await Assert.ThrowsAsync<IOException>(() => page.StoreAsync(entries));
        await page.StoreAsync(entries);
        await page.EraseAsync();
        fixture.Storage.LoseNextWriteAnswerOf = page.GetGrainId();
        await Assert.ThrowsAsync<IOException>(() => page.StoreAsync(entries));
        await page.StoreAsync(entries);
        await fixture.Cluster.DeactivateAsync(page);

        Assert.Equal(Enumerable.Range(1, ClusterFixture.PageSize).Select(i => (long)i), (await page.GetAsync()).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_page_erasure_whose_answer_was_lost_succeeds_when_retried()
    {
        // Trusting the ETag it held, the retry was refused as a stale delete until the page's activation went.
        var customer = await CustomerWithEntries(ClusterFixture.PageSize);
        var entries = (await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: ClusterFixture.PageSize))).Entries;
        var page = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{Keys.Customer()}/0");
        await page.StoreAsync(entries);

        fixture.Storage.LoseNextClearAnswerOf = page.GetGrainId();
        await Assert.ThrowsAsync<IOException>(() => page.EraseAsync());
        await page.EraseAsync();

        Assert.Null(fixture.Storage.Peek<TimelineArchivePageState>("timeline-page", page.GetGrainId()));
        Assert.Empty(await page.GetAsync());
        await page.StoreAsync(entries);
        Assert.Equal(entries, await page.GetAsync());
    }

    [Fact]
    public async Task Export_streams_every_entry_including_archived_ones()
    {
        var customer = await CustomerWithEntries(33);
        await customer.UpdateProfileAsync(new UpdateProfile("Grace"));

        var export = await customer.Stewardship().ExportAsync();
        List<long> timeline = [];
        await foreach (var entry in customer.Stewardship().ExportTimelineAsync())
        {
            timeline.Add(entry.Sequence);
        }

        Assert.Equal("Grace", export.Profile!.DisplayName);
        Assert.Equal(34, export.LatestSequence);
        Assert.Equal(Enumerable.Range(1, 34).Select(i => (long)i), timeline);
    }

    [Fact]
    public async Task While_archive_storage_refuses_writes_the_conversation_goes_on_and_archiving_waits_before_trying_again()
    {
        var customer = await CustomerWithEntries(ClusterFixture.WindowSize);
        var refusedBefore = fixture.Storage.RefusedWrites;
        var pagesOfTheCustomer = $"{customer.GetPrimaryKeyString()}/";
        using (fixture.Storage.FailWritesOf(id => id.Key.ToString()!.StartsWith(pagesOfTheCustomer, StringComparison.Ordinal)))
        {
            for (var i = 1; i <= 30; i++)
            {
                await customer.RecordInteractionAsync(Requests.Interaction($"during-{i}", $"during outage {i}"));
            }
        }

        var refused = fixture.Storage.RefusedWrites - refusedBefore;
        await customer.RecordInteractionAsync(Requests.Interaction("before-the-pause-ends", "still in the window"));
        var archivedDuringPause = await ArchivedPages(customer, 5);
        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        await customer.RecordInteractionAsync(Requests.Interaction("after-the-pause", "archived again"));
        await fixture.Cluster.DeactivateAsync(customer);
        var archivedAfter = await ArchivedPages(customer, 5);
        var all = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 200));

        // One failed attempt, then no call at all until the pause (1 s of the fixture's clock) is over; then the 52
        // entries leave 20 in the window and four whole pages in the archive.
        Assert.Equal(1, refused);
        Assert.Equal(0, archivedDuringPause);
        Assert.Equal(4, archivedAfter);
        Assert.Equal(Enumerable.Range(1, ClusterFixture.WindowSize + 32).Select(i => (long)i), all.Entries.Select(e => e.Sequence));
    }

    private async Task<int> ArchivedPages(ICustomerGrain customer, int pages)
    {
        var stored = 0;
        for (var page = 0; page < pages; page++)
        {
            stored += (await fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{customer.GetPrimaryKeyString()}/{page}").GetAsync()).Count > 0 ? 1 : 0;
        }

        return stored;
    }
}
