using RelationshipGrains.Communities;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Communities;

[Collection(ClusterCollection.Name)]
public sealed class Running_rounds_on_the_reminder(ClusterFixture fixture)
{
    [Fact]
    public async Task As_time_passes_the_communitys_reminder_runs_selection_rounds_and_announces_them()
    {
        var world = new CommunityWorld(fixture.Grains);
        var community = await world.Create(new CommunitySettings(RoundPeriodHours: 1));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var feed = community.WatchAsync(0, cts.Token).GetAsyncEnumerator(cts.Token);

        // The reminder service works on the silo's clock (here the fake one); each hour that passes may fire it.
        CommunityEvent? announced = null;
        Task<bool>? next = null;
        for (var hour = 0; hour < 10 && announced is null; hour++)
        {
            fixture.Time.Advance(TimeSpan.FromHours(1));
            while (announced is null)
            {
                next ??= feed.MoveNextAsync().AsTask();
                if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(3), cts.Token)) != next)
                {
                    break; // nothing yet: let another hour pass
                }

                Assert.True(await next);
                next = null;
                announced = feed.Current.Kind == CommunityEventKind.RoundCompleted ? feed.Current : null;
            }
        }

        Assert.NotNull(announced);
        Assert.StartsWith("Round 1:", announced.Text);
        Assert.True((await community.GetAsync())!.Rounds >= 1);
    }

    [Fact]
    public async Task Configuring_the_community_again_does_not_put_off_its_next_round()
    {
        var world = new CommunityWorld(fixture.Grains);
        var settings = new CommunitySettings(RoundPeriodHours: 2);
        var community = await world.Create(settings);

        // Each registration started a whole period afresh: sent again every few days, a configuration put every round off.
        fixture.Time.Advance(TimeSpan.FromMinutes(90));
        await world.Create(settings);
        // In steps, as above: the reminder service's timer takes each move of the fake clock in a turn of its own.
        for (var minutes = 0; minutes < 45; minutes += 5)
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(5));
            await Task.Delay(500);
        }

        var rounds = await Poll.UntilAsync(async () => (await community.GetAsync())!.Rounds, r => r >= 1, TimeSpan.FromSeconds(10),
            "the round due two hours after the first configuration");
        Assert.Equal(1, rounds);
    }
}
