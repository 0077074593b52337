using RelationshipGrains.Communities;
using RelationshipGrains.Errors;
using RelationshipGrains.Ideas;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Tests.Communities;

[Collection(ClusterCollection.Name)]
public sealed class Growing_ideas(ClusterFixture fixture)
{
    private readonly CommunityWorld _world = new(fixture.Grains);

    private static readonly IdeaRule CostCeiling = new("cost-ceiling", "unit-cost", RuleKind.Max, 50);

    private static IdeaAttributes Cost(double unitCost) => new(new Dictionary<string, double> { ["unit-cost"] = unitCost },
        new Dictionary<string, IReadOnlyList<string>> { ["materials"] = ["oak", "steel"] });

    [Fact]
    public async Task Two_hundred_concurrent_voters_are_counted_exactly_once_each()
    {
        await _world.Create();
        var members = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => _world.Member()));
        var ideaId = Keys.Customer("idea");
        await _world.Propose(members[0], ideaId, "Rocking chair");

        await Task.WhenAll(members.Select((m, i) => _world.Idea(ideaId).VoteAsync(m, i % 4 == 0 ? -1 : 1)));
        await Task.WhenAll(members.Take(20).Select(m => _world.Idea(ideaId).VoteAsync(m, 1)));
        var tally = (await _world.Idea(ideaId).GetAsync())!.Tally;

        Assert.Equal((155, 45), (tally.Supporters, tally.Opposers)); // 50 opposed, then 5 of them changed their minds
    }

    [Fact]
    public async Task Expert_and_final_ballot_counts_follow_each_members_last_vote_and_read_the_same_after_reactivation()
    {
        await _world.Create();
        var expert = await _world.Member(CommunityRole.Expert);
        var (ada, bo) = (await _world.Member(), await _world.Member());
        var ideaId = Keys.Customer("idea");
        await _world.Propose(ada, ideaId, "Stool");
        var idea = _world.Idea(ideaId);
        await idea.VoteAsync(expert, -1);
        await idea.VoteAsync(ada, 1);
        await fixture.Grains.GetGrain<IIdeaLifecycleGrain>(ideaId).ChangeStatusAsync(IdeaStatus.Shortlisted, "round 1", 1);
        foreach (var (member, value) in new[] { (bo, 1), (ada, 1), (ada, -1), (expert, 1) })
        {
            await idea.VoteAsync(member, value);
        }

        var live = (await idea.GetAsync())!.Tally;
        await idea.AsReference<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        var reread = (await idea.GetAsync())!.Tally;

        // Supporters: the expert and bo; opposed: ada; the final ballot counts bo +1, ada -1, the expert +1.
        var expected = new IdeaTally(Supporters: 2, ExpertSupporters: 1, Opposers: 1, ExpertOpposers: 0, Comments: 0, FinalNet: 1);
        Assert.Equal((expected, expected), (live, reread));
    }

    [Fact]
    public async Task Only_members_vote_and_only_plus_or_minus_one()
    {
        await _world.Create();
        var ada = await _world.Member();
        var ideaId = Keys.Customer("idea");
        await _world.Propose(ada, ideaId, "Bench");

        var outsider = await Assert.ThrowsAsync<RelationshipValidationException>(() => _world.Idea(ideaId).VoteAsync("outsider", 1));
        var tooMuch = await Assert.ThrowsAsync<RelationshipValidationException>(() => _world.Idea(ideaId).VoteAsync(ada, 5));

        Assert.Equal(("customerId", "value"), (outsider.Field, tooMuch.Field));
        Assert.Equal(0, (await _world.Idea(ideaId).GetAsync())!.Tally.Supporters);
    }

    [Fact]
    public async Task Merging_moves_votes_without_counting_a_member_twice()
    {
        var community = await _world.Create();
        var voters = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _world.Member()));
        var moderator = await _world.Member(CommunityRole.Moderator);
        var (survivor, duplicate) = (Keys.Customer("idea"), Keys.Customer("idea"));
        await _world.Propose(voters[0], survivor, "Folding chair");
        await _world.Propose(voters[1], duplicate, "Foldable chair");
        foreach (var v in voters[..4])
        {
            await _world.Idea(survivor).VoteAsync(v, 1);
        }

        foreach (var v in voters[2..])
        {
            await _world.Idea(duplicate).VoteAsync(v, v == voters[2] ? -1 : 1);
        }

        // The first attempt fails after the duplicate closed, before the survivor took its votes; the retry finishes,
        // reading the same votes, now final.
        fixture.Failures.FailNext(nameof(IIdeaLifecycleGrain.AbsorbAsync), survivor);
        await Assert.ThrowsAsync<InvalidOperationException>(() => community.MergeIdeasAsync(moderator, duplicate, survivor));
        var merged = await community.MergeIdeasAsync(moderator, duplicate, survivor);
        var told = (await community.GetAsync())!.LatestEvent;
        var retried = await community.MergeIdeasAsync(moderator, duplicate, survivor);
        var gone = (await _world.Idea(duplicate).GetAsync())!;

        Assert.Equal((6, 0), (merged.Tally.Supporters, merged.Tally.Opposers));
        Assert.Equal([duplicate], merged.MergedFrom);
        Assert.Equal((IdeaStatus.Merged, survivor), (gone.Status, gone.MergedInto));
        await Assert.ThrowsAsync<RelationshipConflictException>(() => _world.Idea(duplicate).VoteAsync(voters[0], 1));
        // A retry whose answer was lost is answered the same and tells the feed nothing new; before, it was 409.
        Assert.Equal(merged.MergedFrom, retried.MergedFrom);
        Assert.Equal(merged.Tally, retried.Tally);
        Assert.Equal(told, (await community.GetAsync())!.LatestEvent);
        var elsewhere = Keys.Customer("idea");
        await _world.Propose(voters[0], elsewhere, "Stool");
        await Assert.ThrowsAsync<RelationshipConflictException>(() => community.MergeIdeasAsync(moderator, duplicate, elsewhere));
    }

    [Fact]
    public async Task A_merge_whose_community_write_was_lost_after_the_ideas_took_it_is_finished_by_its_retry()
    {
        var community = await _world.Create();
        var (ada, bo) = (await _world.Member(), await _world.Member());
        var moderator = await _world.Member(CommunityRole.Moderator);
        var (survivor, duplicate) = (Keys.Customer("idea"), Keys.Customer("idea"));
        await _world.Propose(ada, survivor, "Folding chair");
        await _world.Propose(bo, duplicate, "Foldable chair");
        await _world.Idea(duplicate).VoteAsync(bo, 1);
        var before = (await community.GetAsync())!.LatestEvent;

        // What the first attempt left when the community's own write failed: both ideas changed, the feed not told.
        await fixture.Grains.IdeaLifecycle(survivor).AbsorbAsync(duplicate, await fixture.Grains.IdeaLifecycle(duplicate).GetVotesAsync());
        await fixture.Grains.IdeaLifecycle(duplicate).ChangeStatusAsync(IdeaStatus.Merged, "A duplicate", round: null, mergedInto: survivor);
        var finished = await community.MergeIdeasAsync(moderator, duplicate, survivor);
        var retried = await community.MergeIdeasAsync(moderator, duplicate, survivor);

        // Before, the duplicate was no longer open, so the retry was 409 and the feed never told of the merge.
        Assert.Equal(1, finished.Tally.Supporters);
        Assert.Equal(finished.Tally, retried.Tally);
        Assert.Equal(before + 1, (await community.GetAsync())!.LatestEvent);
    }

    [Fact]
    public async Task A_fork_carries_its_lineage_and_counts_as_engagement_for_its_parent()
    {
        var community = await _world.Create();
        var ada = await _world.Member();
        var (root, child, grandchild) = (Keys.Customer("idea"), Keys.Customer("idea"), Keys.Customer("idea"));
        await _world.Propose(ada, root, "Chair");

        await community.ForkIdeaAsync(ada, root, new ProposeIdea(child, "Chair with arms"));
        var last = await community.ForkIdeaAsync(ada, child, new ProposeIdea(grandchild, "Chair with padded arms"));
        var parent = await community.GetIdeaAsync(root);

        Assert.Equal([root, child], last.Lineage);
        Assert.Equal([child], parent.Idea.Forks);
        Assert.Equal(Math.Log(1 + 2 * 1), parent.Fitness.Engagement, 6); // the parts are shown to six places
    }

    [Fact]
    public async Task Every_idea_shows_which_rules_it_passes_and_why()
    {
        var community = await _world.Create(rules: CostCeiling);
        var ada = await _world.Member();
        var cheap = Keys.Customer("idea");
        await _world.Propose(ada, cheap, "Stool", Cost(30));

        var ranked = await community.GetIdeaAsync(cheap);

        Assert.True(ranked.PassesRules);
        Assert.Equal("unit-cost is 30, the maximum is 50", Assert.Single(ranked.Rules).Reason);
    }

    [Fact]
    public async Task A_round_shortlists_the_fittest_passing_ideas_then_selects_after_a_positive_final_vote()
    {
        var community = await _world.Create(new CommunitySettings(RoundPeriodHours: 8_760, ShortlistPerRound: 2, SelectPerRound: 1, CullFraction: 0.25, MinAgeDaysToCull: 5), CostCeiling);
        var voters = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _world.Member()));
        var ideas = new[] { ("a", 40.0, 8), ("b", 45.0, 6), ("c", 99.0, 7), ("d", 20.0, 1) }
            .Select(x => (Id: Keys.Customer(x.Item1), Cost: x.Item2, Votes: x.Item3)).ToArray();
        foreach (var (id, cost, votes) in ideas)
        {
            await _world.Propose(voters[0], id, $"Idea {id}", Cost(cost));
            foreach (var v in voters[..votes])
            {
                await _world.Idea(id).VoteAsync(v, 1);
            }
        }

        fixture.Time.Advance(TimeSpan.FromDays(7)); // well before the yearly reminder: these rounds are run by hand
        var first = await community.AsReference<ICommunityStewardshipGrain>().RunRoundAsync();
        foreach (var v in voters[..5])
        {
            await _world.Idea(ideas[0].Id).VoteAsync(v, 1);
        }

        var second = await community.AsReference<ICommunityStewardshipGrain>().RunRoundAsync();
        var failing = await community.GetIdeaAsync(ideas[2].Id);

        Assert.Equal([(ideas[0].Id, IdeaStatus.Shortlisted), (ideas[1].Id, IdeaStatus.Shortlisted), (ideas[3].Id, IdeaStatus.Culled)],
            first.Decisions.Select(d => (d.IdeaId, d.To)));
        Assert.Contains("bottom", first.Decisions[2].Reason);
        Assert.Equal((ideas[0].Id, IdeaStatus.Selected), (second.Decisions[0].IdeaId, second.Decisions[0].To));
        Assert.StartsWith("Final vote +5", second.Decisions[0].Reason);
        Assert.Equal(IdeaStatus.Proposed, failing.Idea.Status);
        Assert.False(failing.PassesRules);
        var selected = Assert.Single(await fixture.Events.WaitForAsync<IdeaSelected>(e => e.IdeaId == ideas[0].Id && e.Community == _world.Slug));
        Assert.Equal(40, selected.NumericAttributes["unit-cost"]);
        Assert.Equal(["oak", "steel"], selected.TextAttributes!["materials"]);
        Assert.Equal(2, (await community.GetAsync())!.Rounds);
    }

    [Fact]
    public async Task People_decide_only_what_their_role_allows_and_only_along_the_lifecycle()
    {
        var community = await _world.Create();
        var ada = await _world.Member();
        var moderator = await _world.Member(CommunityRole.Moderator);
        var ideaId = Keys.Customer("idea");
        await _world.Propose(ada, ideaId, "Lamp");

        var bySelection = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            community.DecideIdeaAsync(_world.Staff, ideaId, IdeaStatus.Selected, "I like it"));
        var byMember = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            community.DecideIdeaAsync(ada, ideaId, IdeaStatus.Culled, "Mine is better"));
        var skipping = await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            community.DecideIdeaAsync(_world.Staff, ideaId, IdeaStatus.InDesign, "Straight to design"));
        var culled = await community.DecideIdeaAsync(moderator, ideaId, IdeaStatus.Culled, "Off topic");
        var told = (await community.GetAsync())!.LatestEvent;
        var retried = await community.DecideIdeaAsync(moderator, ideaId, IdeaStatus.Culled, "Off topic");

        Assert.Equal(("status", "actorId"), (bySelection.Field, byMember.Field));
        Assert.Equal("An idea that is proposed cannot become in-design.", skipping.Message);
        Assert.Equal(IdeaStatus.Culled, culled.Status);
        Assert.Contains("Off topic", culled.Decisions.Single().Reason);
        // The retry changes nothing: before, it told the feed a second time.
        Assert.Equal(culled.Decisions, retried.Decisions);
        Assert.Equal(told, (await community.GetAsync())!.LatestEvent);
        await using var feed = community.WatchAsync(0).GetAsyncEnumerator();
        List<CommunityEvent> events = [];
        while (events.Count < told && await feed.MoveNextAsync())
        {
            events.Add(feed.Current);
        }

        Assert.Equal("'Lamp' is now culled: Off topic", Assert.Single(events, e => e.Kind == CommunityEventKind.IdeaDecided).Text);
    }
}
