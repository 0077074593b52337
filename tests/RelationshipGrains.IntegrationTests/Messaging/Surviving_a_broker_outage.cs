using RelationshipGrains.Customers;
using RelationshipGrains.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace RelationshipGrains.IntegrationTests.Messaging;

[Collection(RabbitMqCollection.Name)]
public sealed class Surviving_a_broker_outage(RabbitMqFixture rabbit, ITestOutputHelper output)
{
    private const int Customers = 100;
    private const int PerCustomer = 10;

    [Fact]
    public async Task Interactions_recorded_while_the_broker_is_down_all_arrive_once_it_is_back_each_under_one_id()
    {
        var deployment = RabbitCluster.NewDeployment();
        await using var observer = await InteractionObserver.StartAsync(deployment);
        var cluster = await RabbitCluster.StartAsync(deployment, silos: 1);
        try
        {
            var prefix = $"outage-{Guid.NewGuid():N}"[..20];
            var warmUp = cluster.Client.GetGrain<ICustomerGrain>($"{prefix}-warm");
            await warmUp.RecordInteractionAsync(new RecordInteraction("before", Channel.Chat, Direction.Inbound, Author.Customer, "Hello"));
            await observer.WaitForAsync(m => m.CustomerId == warmUp.GetPrimaryKeyString(), 1, TimeSpan.FromSeconds(60));

            await rabbit.StopBrokerAsync();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                await Task.WhenAll(Enumerable.Range(1, Customers).Select(async c =>
                {
                    var customer = cluster.Client.GetGrain<ICustomerGrain>($"{prefix}-{c}");
                    for (var i = 1; i <= PerCustomer; i++)
                    {
                        await customer.RecordInteractionAsync(new RecordInteraction($"while-down-{i}", Channel.Chat, Direction.Inbound, Author.Customer, $"Message {i}"));
                    }
                }));
            }
            finally
            {
                output.WriteLine($"Recorded {Customers * PerCustomer} interactions with the broker down in {clock.Elapsed.TotalSeconds:0.0} s.");
                await rabbit.StartBrokerAsync();
            }

            clock.Restart();
            var arrived = await observer.WaitForAsync(m => m.CustomerId.StartsWith($"{prefix}-", StringComparison.Ordinal)
                && m.InteractionId.StartsWith("while-down-", StringComparison.Ordinal), Customers * PerCustomer, TimeSpan.FromMinutes(3));
            output.WriteLine($"All {arrived.Count} arrived {clock.Elapsed.TotalSeconds:0.0} s after the broker came back ({observer.Deliveries} deliveries in all).");

            Assert.Equal(Customers * PerCustomer, arrived.Count);
            Assert.Equal(Customers * PerCustomer, arrived.Select(a => (a.Value.CustomerId, a.Value.Sequence)).Distinct().Count());
            Assert.All(arrived.GroupBy(a => a.Value.CustomerId), g =>
                Assert.Equal(Enumerable.Range(1, PerCustomer).Select(i => (long)i), g.Select(a => a.Value.Sequence).Order()));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
