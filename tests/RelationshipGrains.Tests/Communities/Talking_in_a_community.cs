using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Testing;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Tests.Communities;

[Collection(ClusterCollection.Name)]
public sealed class Talking_in_a_community(ClusterFixture fixture)
{
    private readonly CommunityWorld _world = new(fixture.Grains);

    [Fact]
    public async Task An_unconfigured_community_does_not_exist_and_a_bad_slug_is_refused()
    {
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => _world.Community.JoinAsync("ada"));
        var error = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            fixture.Grains.GetGrain<ICommunityGrain>("Not A Slug").AsReference<ICommunityStewardshipGrain>().ConfigureAsync(new ConfigureCommunity("x")));
        Assert.Equal("slug", error.Field);
    }

    [Fact]
    public async Task A_bad_page_of_members_names_the_parameter_that_is_wrong()
    {
        var community = await _world.Create();
        var member = await _world.Member();

        var badSkip = await Assert.ThrowsAsync<RelationshipValidationException>(() => community.ListMembersAsync(-1, 10));
        var badTake = await Assert.ThrowsAsync<RelationshipValidationException>(() => community.ListMembersAsync(0, 0));
        var page = await community.ListMembersAsync(1, 1);

        Assert.Equal(("skip", "take"), (badSkip.Field, badTake.Field));
        Assert.Equal(member, Assert.Single(page).CustomerId);
    }

    [Fact]
    public async Task Roles_are_changed_only_by_moderators_and_staff()
    {
        var community = await _world.Create();
        var member = await _world.Member();
        var other = await _world.Member();

        var refused = await Assert.ThrowsAsync<RelationshipValidationException>(() => community.ChangeRoleAsync(member, other, CommunityRole.Expert));
        var moderator = await _world.Member(CommunityRole.Moderator);
        var expert = await community.ChangeRoleAsync(moderator, other, CommunityRole.Expert);
        var refusedExpert = await Assert.ThrowsAsync<RelationshipValidationException>(() => community.ChangeRoleAsync(other, member, CommunityRole.Expert));

        Assert.Equal("actorId", refused.Field);
        Assert.Equal($"Only a moderator or staff may do this; {member} is a member.", refused.Message);
        Assert.Equal($"Only a moderator or staff may do this; {other} is an expert.", refusedExpert.Message);
        Assert.Equal(CommunityRole.Expert, expert.Role);
        Assert.Equal(CommunityRole.Staff, (await community.GetMemberAsync(_world.Staff))!.Role);
    }

    [Fact]
    public async Task Only_staff_appoint_or_remove_staff_and_a_stranger_acting_is_named_as_the_actor()
    {
        var community = await _world.Create();
        var moderator = await _world.Member(CommunityRole.Moderator);
        var member = await _world.Member();

        var selfPromotion = await Assert.ThrowsAsync<RelationshipValidationException>(() => community.ChangeRoleAsync(moderator, moderator, CommunityRole.Staff));
        var demotion = await Assert.ThrowsAsync<RelationshipValidationException>(() => community.ChangeRoleAsync(moderator, _world.Staff, CommunityRole.Member));
        var stranger = await Assert.ThrowsAsync<RelationshipValidationException>(() => community.ChangeRoleAsync(Keys.Customer("stranger"), member, CommunityRole.Expert));
        var appointed = await community.ChangeRoleAsync(_world.Staff, member, CommunityRole.Staff);

        Assert.Equal(("role", "role"), (selfPromotion.Field, demotion.Field));
        Assert.Contains("Only staff may appoint or remove staff", selfPromotion.Message);
        Assert.Equal(CommunityRole.Moderator, (await community.GetMemberAsync(moderator))!.Role);
        Assert.Equal(CommunityRole.Staff, (await community.GetMemberAsync(_world.Staff))!.Role);
        Assert.Equal("actorId", stranger.Field);
        Assert.Equal(CommunityRole.Staff, appointed.Role);
    }

    [Fact]
    public async Task Members_talk_in_threads_and_moderators_hide_posts()
    {
        var community = await _world.Create();
        var ada = await _world.Member();
        var bob = await _world.Member();
        var moderator = await _world.Member(CommunityRole.Moderator);

        var thread = await community.PostAsync(ada, new PostRequest("p1", "Who else wants a folding chair?", "Folding chairs"));
        await community.PostAsync(bob, new PostRequest("p2", "Me! With a cushion.", ThreadId: "p1"));
        await community.PostAsync(bob, new PostRequest("p3", "Buy cheap stuff at example.com", ThreadId: "p1"));
        var notMember = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            community.PostAsync("outsider", new PostRequest("p4", "Hello", "Hi")));
        var notModerator = await Assert.ThrowsAsync<RelationshipValidationException>(() => community.HidePostAsync(ada, "p3", "spam"));
        await community.HidePostAsync(moderator, "p3", "Spam");

        var posts = await community.GetThreadAsync("p1", null, Limits.MaxPageSize);
        var threads = await community.ListThreadsAsync(null, 10);

        Assert.Equal("p1", thread.ThreadId);
        Assert.Equal(["p1", "p2", "p3"], posts.Select(p => p.PostId));
        Assert.Equal(("", true, "Spam"), (posts[2].Text, posts[2].Hidden, posts[2].HiddenReason));
        Assert.Equal(2, Assert.Single(threads).Replies);
        Assert.Equal("customerId", notMember.Field);
        Assert.Equal("actorId", notModerator.Field);
    }

    [Fact]
    public async Task A_post_id_replayed_into_another_thread_is_a_conflict_and_a_malformed_thread_id_is_refused()
    {
        var community = await _world.Create();
        var ada = await _world.Member();
        await community.PostAsync(ada, new PostRequest("r1", "Oak or ash?", "Wood"));
        await community.PostAsync(ada, new PostRequest("r2", "Oak.", ThreadId: "r1"));

        var retried = await community.PostAsync(ada, new PostRequest("r2", "Oak.", ThreadId: "r1"));
        var elsewhere = await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            community.PostAsync(ada, new PostRequest("r2", "Oak.", ThreadId: "no-such-thread")));
        var openerAsReply = await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            community.PostAsync(ada, new PostRequest("r1", "Oak or ash?", ThreadId: "no-such-thread")));
        var malformed = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            community.PostAsync(ada, new PostRequest("r2", "Oak.", ThreadId: "Not An Id!")));

        Assert.Equal(("r2", "r1"), (retried.PostId, retried.ThreadId));
        Assert.Equal("Post id 'r2' was already used for another post.", elsewhere.Message);
        Assert.Equal("Post id 'r1' was already used for another post.", openerAsReply.Message);
        Assert.Equal("threadId", malformed.Field);
        Assert.Equal(["r1", "r2"], (await community.GetThreadAsync("r1", null, Limits.MaxPageSize)).Select(p => p.PostId));
    }

    [Fact]
    public async Task A_members_community_activity_appears_on_their_own_timeline()
    {
        var community = await _world.Create();
        var ada = await _world.Member();
        await community.PostAsync(ada, new PostRequest("t1", "Stackable stools?", "Stools"));
        await _world.Propose(ada, Keys.Customer("idea"), "Stackable stool");

        // The community tells the customer after answering, so the timeline is read until the three notices are in.
        var timeline = await Poll.UntilAsync(
            () => fixture.Grains.GetGrain<ICustomerGrain>(ada).GetTimelineAsync(new TimelineQuery(After: 0)),
            t => t.Entries.Count(e => e.Kind == TimelineEntryKind.CommunityActivity) >= 3, TimeSpan.FromSeconds(10), "three community notices");

        Assert.Equal(3, timeline.Entries.Count(e => e.Kind == TimelineEntryKind.CommunityActivity && e.Topic == _world.Slug));
    }

    [Fact]
    public async Task The_live_feed_delivers_every_event_in_order_and_resumes()
    {
        var community = await _world.Create();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var feed = community.WatchAsync(0, cts.Token).GetAsyncEnumerator(cts.Token);

        var ada = await _world.Member();
        await community.PostAsync(ada, new PostRequest("t1", "Hello", "Hi all"));

        List<CommunityEventKind> kinds = [];
        List<long> sequences = [];
        while (kinds.Count < 2 && await feed.MoveNextAsync())
        {
            kinds.Add(feed.Current.Kind);
            sequences.Add(feed.Current.Sequence);
        }

        // Everything so far is delivered: the next event must wake the waiting subscriber.
        var waiting = feed.MoveNextAsync();
        await community.PostAsync(ada, new PostRequest("t2", "Again", "Hi again"));
        Assert.True(await waiting);
        var woken = (feed.Current.Kind, feed.Current.Sequence);

        var resumed = community.WatchAsync(sequences[0], cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await resumed.MoveNextAsync());
        Assert.Equal([CommunityEventKind.MemberJoined, CommunityEventKind.Posted], kinds);
        Assert.Equal((CommunityEventKind.Posted, sequences[1] + 1), woken);
        Assert.Equal(sequences[1], resumed.Current.Sequence);
        await resumed.DisposeAsync();

        // The latest event is the third; resuming past it is refused rather than waited on (or, at long.MaxValue,
        // wrapped round to a replay of everything).
        Assert.Equal(3, (await community.GetAsync())!.LatestEvent);
        await using var resumedAtLatest = community.WatchAsync(3, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = resumedAtLatest.MoveNextAsync().AsTask();
        foreach (var past in new[] { 4, long.MaxValue })
        {
            await using var tooFar = community.WatchAsync(past, cts.Token).GetAsyncEnumerator(cts.Token);
            var error = await Assert.ThrowsAsync<RelationshipValidationException>(async () => await tooFar.MoveNextAsync());
            Assert.Equal($"afterSequence {past} is past the feed's latest event, 3.", error.Message);
        }

        await community.PostAsync(ada, new PostRequest("t3", "Third", "And again"));
        Assert.True(await next);
        Assert.Equal(4, resumedAtLatest.Current.Sequence);
    }
}
