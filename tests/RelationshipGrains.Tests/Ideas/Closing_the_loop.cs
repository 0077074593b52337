using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Ideas;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Testing;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Ideas;

[Collection(ClusterCollection.Name)]
public sealed class Closing_the_loop(ClusterFixture fixture)
{
    private static IdeaEvidence AskedBy(string customerId, long sequence) => new(
        customerId, customerId, EvidenceKind.Interaction, $"customers/{customerId}/timeline/{sequence}", "Please build this", "chat", default);

    [Fact]
    public async Task When_an_idea_moves_every_customer_who_asked_hears_once_and_the_back_office_is_told()
    {
        var world = new CommunityWorld(fixture.Grains);
        var community = await world.Create(new CommunitySettings(RoundPeriodHours: 8_760));
        var moderator = await world.Member(CommunityRole.Moderator);
        var ideaId = Keys.Customer("idea");
        await world.Propose(moderator, ideaId, "Rain-proof hammock");
        var (ada, bob) = (Keys.Customer("ada"), Keys.Customer("bob"));
        await world.Idea(ideaId).AsReference<IIdeaLifecycleGrain>().AddEvidenceAsync(AskedBy(ada, 1));
        await world.Idea(ideaId).AsReference<IIdeaLifecycleGrain>().AddEvidenceAsync(AskedBy(ada, 1));
        await world.Idea(ideaId).AsReference<IIdeaLifecycleGrain>().AddEvidenceAsync(AskedBy(bob, 4));

        await community.DecideIdeaAsync(moderator, ideaId, IdeaStatus.Culled, "Out of range for next season");
        var adas = await Poll.UntilAsync(
            () => fixture.Grains.GetGrain<ICustomerGrain>(ada).GetTimelineAsync(new TimelineQuery(After: 0)),
            t => t.Entries.Count(e => e.Kind == TimelineEntryKind.IdeaUpdate) >= 2, TimeSpan.FromSeconds(10), "Ada's two idea updates");

        Assert.Equal(2, (await world.Idea(ideaId).GetAsync())!.Tally.Askers);
        Assert.Equal(2, adas.Entries.Count(e => e.Kind == TimelineEntryKind.IdeaUpdate));
        Assert.Equal("culled", adas.Entries[^1].Status);
        var told = Assert.Single(await fixture.Events.WaitForAsync<IdeaStatusChanged>(e => e.IdeaId == ideaId && e.Status != "proposed"));
        Assert.Equal("culled", told.Status);
        Assert.Equal([ada, bob], told.AskingCustomerIds);
    }
}
