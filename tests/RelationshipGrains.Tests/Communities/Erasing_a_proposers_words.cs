using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Ideas;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Communities;

/// <summary>
/// An idea's title and description are its proposer's words, quoted in other ideas' decisions and in the feed: an
/// erasure removes them everywhere, also when it is cut short and resumed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Erasing_a_proposers_words(ClusterFixture fixture)
{
    [Fact]
    public async Task An_erasure_cut_short_between_two_of_the_customers_ideas_removes_both_titles_when_it_resumes()
    {
        var world = new CommunityWorld(fixture.Grains);
        await world.Create();
        var ada = Keys.Customer("ada");
        await fixture.Grains.GetGrain<ICustomerGrain>(ada).RecordInteractionAsync(Requests.Interaction("hi", "Hello"));
        await world.Community.JoinAsync(ada);
        var bob = await world.Member();
        var (seeds, compost, shed) = (Keys.Customer("idea"), Keys.Customer("idea"), Keys.Customer("idea"));
        await world.Propose(ada, seeds, "Seed swap");
        await world.Propose(ada, compost, "Compost club");
        await world.Propose(bob, shed, "Tool shed");
        await world.Community.MergeIdeasAsync(world.Staff, shed, compost);
        // Ada's first idea loses its words; her second fails to, as if the silo had died between the two.
        fixture.Failures.FailNext(nameof(IIdeaLifecycleGrain.EraseCustomerAsync), compost);

        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Grains.GetGrain<ICustomerGrain>(ada).Stewardship().EraseAsync());
        Assert.Equal("Compost club", (await world.Idea(compost).GetAsync())!.Title);
        await fixture.Grains.GetGrain<ICustomerGrain>(ada).Stewardship().EraseAsync();

        var ideas = await Task.WhenAll(new[] { seeds, compost, shed }.Select(async id => (await world.Idea(id).GetAsync())!));
        Assert.Equal(["[removed]", "[removed]", "Tool shed"], ideas.Select(i => i.Title));
        Assert.Equal("A duplicate of '[removed]', merged by " + world.Staff + ".", ideas[2].Decisions[0].Reason);
        foreach (var grain in ideas.Select(i => world.Idea(i.IdeaId).GetGrainId()).Append(world.Community.GetGrainId()))
        {
            // Physically: the journals were rewritten without the words, not only the state read from them.
            Assert.False(fixture.Journals.Holds(grain, "Seed swap"), $"{grain} still holds 'Seed swap'.");
            Assert.False(fixture.Journals.Holds(grain, "Compost club"), $"{grain} still holds 'Compost club'.");
        }

        Assert.True(fixture.Journals.Holds(world.Community.GetGrainId(), "Tool shed"));
    }

    [Fact]
    public async Task An_ideas_events_still_waiting_for_the_broker_go_out_without_the_erased_proposers_words()
    {
        var world = new CommunityWorld(fixture.Grains);
        await world.Create();
        var ada = Keys.Customer("ada");
        await world.Community.JoinAsync(ada);
        var idea = Keys.Customer("idea");
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Events.Refuse = m => m.Payload.Contains(idea, StringComparison.Ordinal) && (refused.TrySetResult() || true);
        try
        {
            await world.Propose(ada, idea, "Rain barrels for every allotment");
            await refused.Task.WaitAsync(TimeSpan.FromSeconds(30));

            await fixture.Grains.GetGrain<ICustomerGrain>(ada).Stewardship().EraseAsync();

            Assert.False(fixture.Journals.Holds(world.Idea(idea).GetGrainId(), "Rain barrels"));
        }
        finally
        {
            fixture.Events.Refuse = _ => false;
        }

        var proposed = await fixture.Events.WaitAdvancingAsync<IdeaStatusChanged>(fixture.Time, TimeSpan.FromSeconds(5), e => e.IdeaId == idea);
        Assert.Equal("[removed]", Assert.Single(proposed).Title);
    }
}
