using RelationshipGrains.Customers;
using RelationshipGrains.IntegrationTests.Infrastructure;

namespace RelationshipGrains.IntegrationTests.Messaging;

[Collection(RabbitMqCollection.Name)]
public sealed class Publishing_after_a_silo_dies
{
    [Fact]
    public async Task An_event_written_but_not_yet_published_when_its_silo_is_killed_still_arrives()
    {
        var deployment = RabbitCluster.NewDeployment();
        await using var observer = await InteractionObserver.StartAsync(deployment);
        var customerId = $"doomed-{Guid.NewGuid():N}"[..24];
        var holding = 1;
        var cluster = await RabbitCluster.StartAsync(deployment, silos: 2, hold: m => Volatile.Read(ref holding) == 1 && m.Payload.Contains(customerId, StringComparison.Ordinal));
        try
        {
            var customer = cluster.Client.GetGrain<ICustomerGrain>(customerId);
            var doomed = cluster.Silos[1];
            await customer.GetProfileAsync();
            await cluster.PlaceOnAsync(customer, doomed.SiloAddress);

            // Acknowledged: written to storage. Its publish hangs, as if the silo died in between.
            var recorded = await customer.RecordInteractionAsync(new RecordInteraction("last-words", Channel.Phone, Direction.Inbound, Author.Customer, "Cancel my order"));
            await cluster.KillSiloAsync(doomed);
            Volatile.Write(ref holding, 0);

            var arrived = await observer.WaitForAsync(m => m.CustomerId == customerId, 1, TimeSpan.FromSeconds(90));

            Assert.True(recorded.Created);
            var (_, recordedEvent) = Assert.Single(arrived);
            Assert.Equal("last-words", recordedEvent.InteractionId);
            Assert.Equal(recorded.Entry.Sequence, recordedEvent.Sequence);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
