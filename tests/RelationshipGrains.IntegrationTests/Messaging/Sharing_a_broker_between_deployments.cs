using RelationshipGrains.Customers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.IntegrationTests.Infrastructure;

namespace RelationshipGrains.IntegrationTests.Messaging;

[Collection(RabbitMqCollection.Name)]
public sealed class Sharing_a_broker_between_deployments
{
    [Fact]
    public async Task A_deployments_events_reach_its_own_back_office_and_never_another_deployments()
    {
        var ours = RabbitCluster.NewDeployment();
        var theirs = RabbitCluster.NewDeployment();
        await using var ourBackOffice = await InteractionObserver.StartAsync(ours);
        await using var theirBackOffice = await InteractionObserver.StartAsync(theirs);
        var cluster = await RabbitCluster.StartAsync(ours, silos: 1);
        try
        {
            var customerId = $"shared-{Guid.NewGuid():N}"[..24];
            await cluster.Client.GetGrain<ICustomerGrain>(customerId)
                .RecordInteractionAsync(new RecordInteraction("ours", Channel.Chat, Direction.Inbound, Author.Customer, "Hello"));
            await ourBackOffice.WaitForAsync(m => m.CustomerId == customerId, 1, TimeSpan.FromSeconds(60));

            // The broker copies a published message into every bound queue at once, so had our event been routed to their
            // queue it would sit there ahead of anything published after it: their back office takes its queue one
            // message at a time, in order, and has read everything before a marker once the marker arrives.
            var marker = $"marker-{Guid.NewGuid():N}"[..24];
            await theirBackOffice.PublishAsync(new InteractionRecorded(marker, 1, "marker", "interaction", "chat", "inbound", null, null,
                DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
            await theirBackOffice.WaitForAsync(m => m.CustomerId == marker, 1, TimeSpan.FromSeconds(60));

            Assert.DoesNotContain(theirBackOffice.Received.Values, m => m.CustomerId == customerId);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
