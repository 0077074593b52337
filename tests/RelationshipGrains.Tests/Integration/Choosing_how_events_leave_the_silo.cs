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

    /// <summary>The publisher the outboxes get, by type, without building the services (which would need a silo).</summary>
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
