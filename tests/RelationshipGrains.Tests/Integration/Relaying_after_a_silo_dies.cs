using RelationshipGrains.Customers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Integration;

public sealed class Relaying_after_a_silo_dies(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task An_event_written_just_before_its_silo_died_is_published_by_the_reminder_without_any_call()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        var doomed = fixture.Cluster.Silos[1];
        await customer.GetProfileAsync();
        await fixture.Cluster.PlaceOnAsync(customer, doomed.SiloAddress);

        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Events.Refuse = m =>
        {
            var mine = m.Payload.Contains(id, StringComparison.Ordinal);
            if (mine)
            {
                refused.TrySetResult();
            }

            return mine;
        };
        await customer.RecordInteractionAsync(Requests.Interaction("last-words"));
        await refused.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await fixture.Cluster.KillSiloAsync(doomed);
        fixture.Events.Refuse = _ => false;
        var published = await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromMinutes(1), e => e.CustomerId == id, steps: 60);

        Assert.Equal("last-words", Assert.Single(published).InteractionId);
    }
}
