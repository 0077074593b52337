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
}
