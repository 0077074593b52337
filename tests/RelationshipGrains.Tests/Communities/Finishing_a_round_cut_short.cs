using RelationshipGrains.Communities;
using RelationshipGrains.Ideas;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Communities;

/// <summary>
/// A round that fails part-way has moved some ideas already. Run again, it used to rank only the ideas still open, so
/// the decisions made the first time never reached the report or the feed, and an idea shortlisted then could move
/// again in the same round.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Finishing_a_round_cut_short(ClusterFixture fixture)
{
    [Fact]
    public async Task The_round_run_again_reports_and_announces_what_the_failed_attempt_decided_and_decides_it_once()
    {
        var world = new CommunityWorld(fixture.Grains);
        var community = await world.Create(new CommunitySettings(ShortlistPerRound: 5, CullFraction: 0));
        var member = await world.Member();
        var (fitter, other) = (Keys.Customer("idea"), Keys.Customer("idea"));
        await world.Propose(member, fitter, "Stacking chair");
        await world.Propose(member, other, "Folding table");
        // The fitter idea is decided first.
        await world.Idea(fitter).VoteAsync(member, 1);
        fixture.Failures.FailNext(nameof(IIdeaLifecycleGrain.ChangeStatusAsync), other);

        await Assert.ThrowsAsync<InvalidOperationException>(() => community.AsReference<ICommunityStewardshipGrain>().RunRoundAsync());
        var report = await community.AsReference<ICommunityStewardshipGrain>().RunRoundAsync();

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        List<string> feed = [];
        await foreach (var e in community.WatchAsync(0, cts.Token))
        {
            feed.Add(e.Text);
            if (e.Kind == CommunityEventKind.RoundCompleted)
            {
                break;
            }
        }

        Assert.Equal(1, report.Round);
        Assert.Equal([(fitter, IdeaStatus.Shortlisted), (other, IdeaStatus.Shortlisted)], report.Decisions.Select(d => (d.IdeaId, d.To)));
        Assert.Single((await world.Idea(fitter).GetAsync())!.Decisions);
        Assert.Contains(feed, t => t.StartsWith("Round 1: 'Stacking chair' shortlisted.", StringComparison.Ordinal));
        Assert.Contains(feed, t => t.StartsWith("Round 1: 'Folding table' shortlisted.", StringComparison.Ordinal));
        Assert.Equal(1, (await community.GetAsync())!.Rounds);
    }
}
