using RelationshipGrains.Errors;
using RelationshipGrains.Ideas;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Communities;

/// <summary>An idea id sent again is a retry only when everything it says is the same; otherwise the id is taken.</summary>
[Collection(ClusterCollection.Name)]
public sealed class Proposing_an_idea_again(ClusterFixture fixture)
{
    [Fact]
    public async Task The_same_proposal_is_a_retry_and_one_with_another_description_or_attributes_is_refused()
    {
        var world = new CommunityWorld(fixture.Grains);
        await world.Create();
        var member = await world.Member();
        var id = Keys.Customer("idea");
        var attributes = new IdeaAttributes(new Dictionary<string, double> { ["unit-cost"] = 20 });
        var first = await world.Community.ProposeIdeaAsync(member, new ProposeIdea(id, "Folding stool", "Oak, folds flat", attributes));

        var retry = await world.Community.ProposeIdeaAsync(member,
            new ProposeIdea(id, "Folding stool", "Oak, folds flat", new IdeaAttributes(new Dictionary<string, double> { ["unit-cost"] = 20 })));
        // Answered 201 with the old text before, as if the new one had been taken.
        await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            world.Community.ProposeIdeaAsync(member, new ProposeIdea(id, "Folding stool", "Pine, stacks", attributes)));
        await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            world.Community.ProposeIdeaAsync(member, new ProposeIdea(id, "Folding stool", "Oak, folds flat",
                new IdeaAttributes(new Dictionary<string, double> { ["unit-cost"] = 90 }))));

        Assert.Equal((first.IdeaId, first.ProposedAt), (retry.IdeaId, retry.ProposedAt));
        Assert.Equal("Oak, folds flat", (await world.Idea(id).GetAsync())!.Description);
    }

    [Fact]
    public async Task A_fork_under_the_id_of_an_existing_idea_or_of_its_parent_is_refused_and_counts_for_no_fork()
    {
        var world = new CommunityWorld(fixture.Grains);
        await world.Create();
        var member = await world.Member();
        var (parent, own) = (Keys.Customer("idea"), Keys.Customer("idea"));
        await world.Propose(member, parent, "Rocking chair");
        await world.Propose(member, own, "Garden bench");

        // Before, the member's own idea came back as the new variant, and the parent counted it among its forks.
        await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            world.Community.ForkIdeaAsync(member, parent, new ProposeIdea(own, "Garden bench", "Details")));
        await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            world.Community.ForkIdeaAsync(member, parent, new ProposeIdea(parent, "Rocking chair", "Details")));

        Assert.Empty((await world.Idea(parent).GetAsync())!.Forks);
    }

    [Fact]
    public async Task An_idea_made_when_its_community_then_failed_to_write_is_still_the_communitys_and_its_erasure_reaches_it()
    {
        var world = new CommunityWorld(fixture.Grains);
        await world.Create();
        var member = await world.Member();
        var id = Keys.Customer("idea");
        var (ideaWrite, releaseIdea) = fixture.Journals.HoldNextWrite(world.Idea(id).GetGrainId());
        var proposing = world.Community.ProposeIdeaAsync(member, new ProposeIdea(id, "Cat-proof cushions", "Wool, for Whiskers"));
        await ideaWrite.WaitAsync(TimeSpan.FromSeconds(30));
        var (communityWrite, releaseCommunity) = fixture.Journals.HoldNextWrite(world.Community.GetGrainId());
        releaseIdea.SetResult();
        await communityWrite.WaitAsync(TimeSpan.FromSeconds(30));
        using (fixture.Journals.FailWritesTo(world.Community.GetGrainId()))
        {
            releaseCommunity.SetResult();
            await Assert.ThrowsAnyAsync<Exception>(() => proposing);
        }

        // The failed write retires the community's activation, and Orleans answers calls that reach it meanwhile with
        // that same error: wait until it is gone.
        await fixture.Cluster.DeactivateAsync(world.Community);

        // Made first, the idea was one the community never listed: not ranked, and out of the erasure's reach.
        var ranked = await world.Community.RankIdeasAsync();
        await fixture.Grains.GetGrain<RelationshipGrains.Customers.ICustomerGrain>(member).Stewardship().EraseAsync();

        Assert.Contains(ranked, r => r.Idea.IdeaId == id);
        Assert.Equal("[removed]", (await world.Idea(id).GetAsync())!.Title);
    }
}
