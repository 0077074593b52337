using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Integration.Direct;
using RelationshipGrains.Integration.Hosting;
using RelationshipGrains.Integration.Publishing;

namespace RelationshipGrains.Tests.Integration;

/// <summary>
/// The embedded silo hands its events to our consumers directly; a host that adds its own consumers to the bus, and a
/// cluster on RabbitMQ, publish them on the bus, where those consumers see them.
/// </summary>
public sealed class Choosing_how_events_leave_the_silo
{
    [Fact]
    public void The_embedded_silo_delivers_directly_and_a_host_that_adds_to_the_bus_or_a_cluster_publishes_on_it()
    {
        var embedded = new ConfigurationBuilder().Build();
        var cluster = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMq", ["Messaging:RabbitMq:Username"] = "rg", ["Messaging:RabbitMq:Password"] = "secret",
        }).Build();

        Assert.Equal(typeof(DirectDelivery), Publisher(new ServiceCollection().AddRelationshipGrainsMessaging(embedded)));
        Assert.Equal(typeof(MassTransitIntegrationEventPublisher),
            Publisher(new ServiceCollection().AddRelationshipGrainsMessaging(embedded, bus => bus.AddConsumer<HostsOwn>())));
        Assert.Equal(typeof(MassTransitIntegrationEventPublisher), Publisher(new ServiceCollection().AddRelationshipGrainsMessaging(cluster)));
    }

    [Fact]
    public async Task Each_event_goes_directly_to_exactly_the_consumers_its_outbox_waits_for()
    {
        var embedded = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Erp:BaseUrl"] = "http://127.0.0.1:9/erp/", ["Messaging:QueuePrefix"] = "rg",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddRelationshipGrainsMessaging(embedded).BuildServiceProvider();

        var delivery = services.GetRequiredService<DirectDelivery>();
        var handling = services.GetRequiredService<InProcessHandling>();

        Assert.All(IntegrationEvents.Outbound, type => Assert.Equal(handling.EndpointsFor(type).Order(), delivery.ConsumersOf(type).Order()));
        Assert.Equal(["rg-interaction-metrics", "rg-webhook"], delivery.ConsumersOf(typeof(InteractionRecorded)).Order());
        Assert.Equal(["rg-erp", "rg-relationship-metrics", "rg-webhook"], delivery.ConsumersOf(typeof(ValueChainCommitted)).Order());
    }

    /// <summary>The publisher the outboxes get, by its registration: resolving it builds the bus, and RabbitMQ's wants a host.</summary>
    private static Type? Publisher(IServiceCollection services)
    {
        var registered = Assert.Single(services, d => d.ServiceType == typeof(IIntegrationEventPublisher));
        return registered.ImplementationType ?? (registered.ImplementationFactory is not null && services.Any(d => d.ServiceType == typeof(DirectDelivery))
            ? typeof(DirectDelivery)
            : null);
    }

    private sealed class HostsOwn : IConsumer<InteractionRecorded>
    {
        public Task Consume(ConsumeContext<InteractionRecorded> context) => Task.CompletedTask;
    }
}
