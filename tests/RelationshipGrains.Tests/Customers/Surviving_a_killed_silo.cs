using RelationshipGrains.Customers;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Customers;

public sealed class Surviving_a_killed_silo(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task Acknowledged_interactions_are_still_there_after_their_silo_dies()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        for (var i = 1; i <= 5; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"k-{i}"));
        }

        // Kill the secondary silo with the grain on it.
        var doomed = fixture.Cluster.Silos[1];
        await fixture.Cluster.PlaceOnAsync(customer, doomed.SiloAddress);

        Assert.True(await fixture.Cluster.LivesOnAsync(customer, doomed.SiloAddress));

        await fixture.Cluster.KillSiloAsync(doomed);
        var page = await EventuallyAsync(() => customer.GetTimelineAsync(new TimelineQuery(After: 0)));
        var next = await customer.RecordInteractionAsync(Requests.Interaction("k-6"));
        var retry = await customer.RecordInteractionAsync(Requests.Interaction("k-5"));

        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), page.Entries.Select(e => e.Sequence));
        Assert.Equal(6, next.Entry.Sequence);
        Assert.False(retry.Created);
    }

    /// <summary>Calls to a grain on a dead silo fail until membership declares it dead; retry, bounded.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
