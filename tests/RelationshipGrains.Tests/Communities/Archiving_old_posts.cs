using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Communities;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Tests.Communities;

/// <summary>
/// A community held every post in its own state and refused posts past 10,000. It now keeps the latest
/// (<see cref="ClusterFixture.RecentPosts"/> here, in pages of <see cref="ClusterFixture.PostPageSize"/>) and archives
/// the rest, and every read, retry, hide and erasure reaches both.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Archiving_old_posts(ClusterFixture fixture)
{
    private readonly CommunityWorld _world = new(fixture.Grains);

    [Fact]
    public async Task Threads_read_in_order_across_archive_pages_and_an_archived_thread_counts_its_new_replies()
    {
        var (ada, bob) = await TalkAsync();

        // Pages 0-3 hold t1 r1 | t2 r2 | t3 r3 | t4 r4; t5, t6 and r5 are recent.
        var firstThread = await _world.Community.GetThreadAsync("t1", null, Limits.MaxPageSize);
        var all = await _world.Community.ListThreadsAsync(null, 10);
        var newest = await _world.Community.ListThreadsAsync(null, 2);
        var afterRecent = await _world.Community.ListThreadsAsync("t5", 2);
        var afterArchived = await _world.Community.ListThreadsAsync("t3", 10);
        var afterAReply = await _world.Community.ListThreadsAsync("r1", 10);

        Assert.Equal(["t1", "r1", "r2", "r4", "r5"], firstThread.Select(p => p.PostId));
        Assert.Equal([ada, bob, bob, bob, bob], firstThread.Select(p => p.AuthorId));
        Assert.Equal(4, firstThread[0].Replies);
        Assert.Equal(["t6", "t5", "t4", "t3", "t2", "t1"], all.Select(p => p.PostId));
        Assert.Equal([0, 0, 0, 0, 1, 4], all.Select(p => p.Replies));
        Assert.Equal(["t6", "t5"], newest.Select(p => p.PostId));
        Assert.Equal(["t4", "t3"], afterRecent.Select(p => p.PostId));
        Assert.Equal(["t2", "t1"], afterArchived.Select(p => p.PostId));
        Assert.Empty(afterAReply);
        Assert.Equal(["t1", "r1"], StoredPage(0).Select(p => p.PostId));
        Assert.Equal(["t4", "r4"], StoredPage(3).Select(p => p.PostId));
        Assert.Null(fixture.Storage.Peek<CommunityPostPageState>(CommunityPostPageGrain.StateName, Page(4).GetGrainId()));

        await fixture.Cluster.DeactivateAsync(_world.Community);
        Assert.Equal(firstThread, await _world.Community.GetThreadAsync("t1", null, Limits.MaxPageSize));
        // As channel apps built before threads were paged read it.
        Assert.Equal(firstThread, await _world.Community.GetThreadAsync("t1"));
        Assert.Equal(all, await _world.Community.ListThreadsAsync(null, 10));
    }

    [Fact]
    public async Task A_thread_is_read_in_pages_across_archive_pages_and_recent_posts()
    {
        await TalkAsync();
        // Read from storage once activated again, so the reads below show which pages the first page needed.
        await fixture.Cluster.DeactivateAsync(Page(1));
        await fixture.Cluster.DeactivateAsync(Page(3));
        var reads = fixture.Storage.Reads(CommunityPostPageGrain.StateName, Page(1).GetGrainId());

        // t1's posts: t1 r1 on page 0, r2 on page 1, r4 on page 3, r5 recent.
        var first = await _world.Community.GetThreadAsync("t1", null, 1);
        var readsForTheFirst = fixture.Storage.Reads(CommunityPostPageGrain.StateName, Page(1).GetGrainId()) - reads;
        var second = await _world.Community.GetThreadAsync("t1", "t1", 2);
        var acrossPages = await _world.Community.GetThreadAsync("t1", "r1", 2);
        var intoRecent = await _world.Community.GetThreadAsync("t1", "r4", 2);
        var pastTheEnd = await _world.Community.GetThreadAsync("t1", "r5", 2);
        var fromAnotherThread = await _world.Community.GetThreadAsync("t1", "r3", 2);
        var fromAnotherThreadOnOneOfItsPages = await _world.Community.GetThreadAsync("t1", "t2", 2);
        var fromAnotherRecentThread = await _world.Community.GetThreadAsync("t1", "t6", 2);
        var fromNowhere = await _world.Community.GetThreadAsync("t1", "nothing", 2);
        var tooMany = await Assert.ThrowsAsync<RelationshipValidationException>(() => _world.Community.GetThreadAsync("t1", null, Limits.MaxPageSize + 1));
        var none = await Assert.ThrowsAsync<RelationshipValidationException>(() => _world.Community.GetThreadAsync("t1", null, 0));

        Assert.Equal(["t1"], first.Select(p => p.PostId));
        Assert.Equal(4, first[0].Replies);
        Assert.Equal(["r1", "r2"], second.Select(p => p.PostId));
        Assert.Equal(["r2", "r4"], acrossPages.Select(p => p.PostId));
        Assert.Equal(["r5"], intoRecent.Select(p => p.PostId));
        Assert.Empty(pastTheEnd);
        Assert.Empty(fromAnotherThread);
        Assert.Empty(fromAnotherThreadOnOneOfItsPages);
        Assert.Empty(fromAnotherRecentThread);
        Assert.Empty(fromNowhere);
        Assert.Equal(("limit", $"limit must be between 1 and {Limits.MaxPageSize}."), (tooMany.Field, tooMany.Message));
        Assert.Equal("limit", none.Field);
        // One post needed page 0 alone: no more pages are read than posts are asked for.
        Assert.Equal(0, readsForTheFirst);
    }

    [Fact]
    public async Task An_archived_post_is_recognised_on_retry_refused_under_another_thread_and_hidden_by_a_moderator()
    {
        var (_, bob) = await TalkAsync();
        var moderator = await _world.Member(CommunityRole.Moderator);

        var retried = await _world.Community.PostAsync(bob, new PostRequest("r1", "Me too", ThreadId: "t1"));
        var elsewhere = await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            _world.Community.PostAsync(bob, new PostRequest("r1", "Me too", ThreadId: "t2")));
        var hidden = await _world.Community.HidePostAsync(moderator, "r1", "Off-topic");
        var missing = await Assert.ThrowsAsync<RelationshipNotFoundException>(() => _world.Community.HidePostAsync(moderator, "r9", "Off-topic"));

        Assert.Equal(("r1", "t1", "Me too"), (retried.PostId, retried.ThreadId, retried.Text));
        Assert.Equal("Post id 'r1' was already used for another post.", elsewhere.Message);
        Assert.Equal(("", true, "Off-topic"), (hidden.Text, hidden.Hidden, hidden.HiddenReason));
        Assert.Equal("Post 'r9' does not exist.", missing.Message);
        var read = (await _world.Community.GetThreadAsync("t1", null, Limits.MaxPageSize)).Single(p => p.PostId == "r1");
        Assert.Equal(("", true), (read.Text, read.Hidden));
        Assert.True(StoredPage(0).Single(p => p.PostId == "r1").Hidden);
        Assert.Equal(5, (await _world.Community.GetThreadAsync("t1", null, Limits.MaxPageSize)).Count);
    }

    [Fact]
    public async Task A_hide_of_an_archived_post_is_announced_once_and_holds_though_its_page_could_not_be_stored()
    {
        var (ada, _) = await TalkAsync();
        var moderator = await _world.Member(CommunityRole.Moderator);

        // The community's write fails: nothing is hidden, and the hide asked again announces it once.
        using (fixture.Journals.FailWritesTo(_world.Community.GetGrainId()))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => _world.Community.HidePostAsync(moderator, "r1", "Off-topic"));
        }

        await fixture.Cluster.DeactivateAsync(_world.Community);
        // Then the page fails: the hide is written, so it is acknowledged and every read shows it, also after a
        // deactivation; the next post stores the page.
        fixture.Failures.FailNext(nameof(CommunityPostPageGrain.StoreAsync), $"{_world.Slug}/0");
        var hidden = await _world.Community.HidePostAsync(moderator, "r1", "Off-topic");
        var again = await _world.Community.HidePostAsync(moderator, "r1", "Off-topic");
        var storedBefore = StoredPage(0).Single(p => p.PostId == "r1").Hidden;
        await fixture.Cluster.DeactivateAsync(_world.Community);
        var read = (await _world.Community.GetThreadAsync("t1", null, Limits.MaxPageSize)).Single(p => p.PostId == "r1");
        await _world.Community.PostAsync(ada, new PostRequest("t7", "Later", "Thread 7"));

        var latest = (await _world.Community.GetAsync())!.LatestEvent;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        List<CommunityEvent> feed = [];
        await foreach (var e in _world.Community.WatchAsync(0, cts.Token))
        {
            feed.Add(e);
            if (e.Sequence == latest)
            {
                break;
            }
        }

        Assert.Equal(("", true, "Off-topic"), (hidden.Text, hidden.Hidden, hidden.HiddenReason));
        Assert.Equal(hidden, again);
        Assert.False(storedBefore);
        Assert.Equal(("", true, "Off-topic"), (read.Text, read.Hidden, read.HiddenReason));
        Assert.Equal(("Off-topic", true), (StoredPage(0).Single(p => p.PostId == "r1").HiddenReason, StoredPage(0).Single(p => p.PostId == "r1").Hidden));
        Assert.Single(feed, e => e.Kind == CommunityEventKind.PostHidden && e.Subject == "r1");
    }

    [Fact]
    public async Task An_archive_step_that_fails_leaves_the_post_acknowledged_and_is_done_with_a_later_post()
    {
        await _world.Create();
        var ada = await _world.Member();
        for (var i = 1; i <= 4; i++)
        {
            await _world.Community.PostAsync(ada, new PostRequest($"f{i}", $"Post {i}", $"Thread {i}"));
        }

        fixture.Failures.FailNext(nameof(CommunityPostPageGrain.StoreAsync), $"{_world.Slug}/0");
        var fifth = await _world.Community.PostAsync(ada, new PostRequest("f5", "Post 5", "Thread 5"));
        Assert.Null(fixture.Storage.Peek<CommunityPostPageState>(CommunityPostPageGrain.StateName, Page(0).GetGrainId()));

        // Tried again once its pause has passed.
        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        await _world.Community.PostAsync(ada, new PostRequest("f6", "Post 6", "Thread 6"));

        Assert.Equal("f5", fifth.PostId);
        Assert.Equal(["f1", "f2"], StoredPage(0).Select(p => p.PostId));
        Assert.Equal(["f6", "f5", "f4", "f3", "f2", "f1"], (await _world.Community.ListThreadsAsync(null, 10)).Select(p => p.PostId));
    }

    [Fact]
    public async Task A_page_stored_by_a_step_whose_trim_was_never_written_is_stored_again_with_what_changed_since()
    {
        await _world.Create();
        var ada = await _world.Member();
        var moderator = await _world.Member(CommunityRole.Moderator);
        for (var i = 1; i <= 5; i++)
        {
            await _world.Community.PostAsync(ada, new PostRequest($"g{i}", $"Post {i}", $"Thread {i}"));
        }

        // Page 0 is stored; the trim waits for the next write, which this activation never makes.
        Assert.Equal(["g1", "g2"], StoredPage(0).Select(p => p.PostId));
        await fixture.Cluster.DeactivateAsync(_world.Community);
        await _world.Community.HidePostAsync(moderator, "g1", "Spam");
        await _world.Community.PostAsync(ada, new PostRequest("g6", "Post 6", "Thread 6"));

        Assert.True(StoredPage(0).Single(p => p.PostId == "g1").Hidden);
        Assert.Equal(["g6", "g5", "g4", "g3", "g2", "g1"], (await _world.Community.ListThreadsAsync(null, 10)).Select(p => p.PostId));
    }

    [Fact]
    public async Task An_erasure_removes_the_customers_words_from_every_page_even_one_an_archive_step_left_half_done()
    {
        var (ada, bob) = await TalkAsync();
        // Page 4 is stored (t5 and t6) and the trim lost with the activation, so the page holds words the community
        // still holds too.
        await _world.Community.PostAsync(ada, new PostRequest("t7", "More words of ada", "Seventh"));
        await _world.Community.PostAsync(ada, new PostRequest("t8", "Last words of ada", "Eighth"));
        await fixture.Cluster.DeactivateAsync(_world.Community);
        Assert.Equal(["t5", "t6"], StoredPage(4).Select(p => p.PostId));

        var receipt = await fixture.Grains.GetGrain<ICustomerGrain>(ada).Stewardship().EraseAsync();

        Assert.Contains(_world.Slug, receipt.CommunitiesPseudonymised!);
        for (var number = 0; number <= 4; number++)
        {
            var page = StoredPage(number);
            Assert.DoesNotContain(page, p => p.AuthorId == ada || p.Text.Contains("of ada", StringComparison.Ordinal));
        }

        var thread = await _world.Community.GetThreadAsync("t1", null, Limits.MaxPageSize);
        Assert.Equal("Me too", thread.Single(p => p.PostId == "r1").Text);
        Assert.NotEqual(ada, thread[0].AuthorId);
        Assert.DoesNotContain("of ada", thread[0].Text, StringComparison.Ordinal);
        Assert.Equal(bob, thread[1].AuthorId);
        Assert.False(fixture.Journals.Holds(_world.Community.GetGrainId(), "of ada"), "The community's journal still holds the erased customer's words.");
    }

    [Fact]
    public async Task Listing_threads_reads_only_pages_that_hold_an_opening_post()
    {
        await _world.Create();
        var ada = await _world.Member();
        var bob = await _world.Member();
        await _world.Community.PostAsync(ada, new PostRequest("t1", "Opening", "First"));
        for (var i = 1; i <= 4; i++)
        {
            await _world.Community.PostAsync(bob, new PostRequest($"r{i}", $"Reply {i}", ThreadId: "t1"));
        }

        for (var i = 2; i <= 5; i++)
        {
            await _world.Community.PostAsync(ada, new PostRequest($"t{i}", $"Opening {i}", $"Thread {i}"));
        }

        // Pages: t1 r1 | r2 r3 | r4 t2.
        Assert.Equal(["r2", "r3"], StoredPage(1).Select(p => p.PostId));
        var all = await _world.Community.ListThreadsAsync(null, 10);
        var afterLastOpenerOfAPage = await _world.Community.ListThreadsAsync("t2", 10);

        Assert.Equal(["t5", "t4", "t3", "t2", "t1"], all.Select(p => p.PostId));
        Assert.Equal(["t1"], afterLastOpenerOfAPage.Select(p => p.PostId));
        Assert.Equal(0, fixture.Storage.Reads(CommunityPostPageGrain.StateName, Page(1).GetGrainId()));
    }

    [Fact]
    public async Task Listing_after_the_later_of_two_threads_archived_on_one_page_goes_on_with_the_earlier()
    {
        await _world.Create();
        var ada = await _world.Member();
        for (var i = 1; i <= 7; i++)
        {
            await _world.Community.PostAsync(ada, new PostRequest($"t{i}", $"Opening {i}", $"Thread {i}"));
        }

        // Pages: t1 t2 | t3 t4; t5, t6 and t7 are recent.
        Assert.Equal(["t3", "t4"], StoredPage(1).Select(p => p.PostId));
        var afterLaterOnAPage = await _world.Community.ListThreadsAsync("t4", 10);

        // The cursor was cleared before the page's query ran, which then skipped the whole page: t3 was never listed.
        Assert.Equal(["t3", "t2", "t1"], afterLaterOnAPage.Select(p => p.PostId));
    }

    [Fact]
    public async Task A_thread_takes_posts_up_to_its_limit_even_once_its_opening_post_is_archived()
    {
        var (_, bob) = await TalkAsync();

        // t1 holds five posts, its opening post archived; the fixture's limit is six.
        var sixth = await _world.Community.PostAsync(bob, new PostRequest("r6", "One more", ThreadId: "t1"));
        var seventh = await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            _world.Community.PostAsync(bob, new PostRequest("r7", "And another", ThreadId: "t1")));

        Assert.Equal("t1", sixth.ThreadId);
        Assert.Equal($"Thread 't1' holds {ClusterFixture.MaxThreadPosts} posts, as many as a thread may; start a new thread.", seventh.Message);
        Assert.Equal(ClusterFixture.MaxThreadPosts, (await _world.Community.GetThreadAsync("t1", null, Limits.MaxPageSize)).Count);
        Assert.Equal(ClusterFixture.MaxThreadPosts - 1, (await _world.Community.GetThreadAsync("t1", null, Limits.MaxPageSize))[0].Replies);
    }

    [Fact]
    public async Task A_page_write_whose_answer_was_lost_does_not_leave_the_page_unwritable()
    {
        var (ada, _) = await TalkAsync();
        var moderator = await _world.Member(CommunityRole.Moderator);

        // The page is stored but the hide hears of a failure; the next post after the pause stores the page again.
        fixture.Storage.LoseNextWriteAnswerOf = Page(0).GetGrainId();
        var hidden = await _world.Community.HidePostAsync(moderator, "r1", "Off-topic");
        var writesBefore = fixture.Storage.Writes(CommunityPostPageGrain.StateName, Page(0).GetGrainId());
        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        await _world.Community.PostAsync(ada, new PostRequest("t7", "Later", "Thread 7"));

        Assert.True(hidden.Hidden);
        Assert.Equal(writesBefore + 1, fixture.Storage.Writes(CommunityPostPageGrain.StateName, Page(0).GetGrainId()));
        Assert.True(StoredPage(0).Single(p => p.PostId == "r1").Hidden);
    }

    [Fact]
    public async Task An_erasure_finds_the_pages_of_a_customer_who_left_and_whose_posts_are_all_archived()
    {
        await _world.Create();
        var ada = await _world.Member();
        var bob = await _world.Member();
        await _world.Community.PostAsync(ada, new PostRequest("a1", "Words of ada", "Ada's thread"));
        await _world.Community.LeaveAsync(ada);
        for (var i = 1; i <= 6; i++)
        {
            await _world.Community.PostAsync(bob, new PostRequest($"b{i}", $"Words of bob {i}", ThreadId: i == 1 ? null : "b1", Title: i == 1 ? "Bob's" : null));
        }

        Assert.Equal("a1", StoredPage(0)[0].PostId);
        await fixture.Grains.GetGrain<ICustomerGrain>(ada).Stewardship().EraseAsync();

        var erased = StoredPage(0)[0];
        Assert.NotEqual(ada, erased.AuthorId);
        Assert.DoesNotContain("of ada", erased.Text, StringComparison.Ordinal);
        Assert.Equal(bob, StoredPage(0)[1].AuthorId);
        Assert.False(fixture.Journals.Holds(_world.Community.GetGrainId(), ada), "The community's journal still names the erased customer.");
    }

    /// <summary>Six threads by ada and five replies by bob, four of them to the first thread, one after it was archived.</summary>
    private async Task<(string Ada, string Bob)> TalkAsync()
    {
        await _world.Create();
        var ada = await _world.Member();
        var bob = await _world.Member();
        PostRequest[] posts =
        [
            new("t1", "Words of ada 1", "First"), new("r1", "Me too", ThreadId: "t1"),
            new("t2", "Words of ada 2", "Second"), new("r2", "And again", ThreadId: "t1"),
            new("t3", "Words of ada 3", "Third"), new("r3", "On the second", ThreadId: "t2"),
            new("t4", "Words of ada 4", "Fourth"), new("r4", "Still here", ThreadId: "t1"),
            new("t5", "Words of ada 5", "Fifth"), new("t6", "Words of ada 6", "Sixth"),
            new("r5", "Back to the first", ThreadId: "t1"),
        ];
        foreach (var post in posts)
        {
            await _world.Community.PostAsync(post.ThreadId is null ? ada : bob, post);
        }

        return (ada, bob);
    }

    private ICommunityPostPageGrain Page(int number) => fixture.Grains.GetGrain<ICommunityPostPageGrain>($"{_world.Slug}/{number}");

    private List<CommunityPost> StoredPage(int number) =>
        fixture.Storage.Peek<CommunityPostPageState>(CommunityPostPageGrain.StateName, Page(number).GetGrainId())?.Posts
        ?? throw new InvalidOperationException($"Page {number} of {_world.Slug} was never stored.");
}
