using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using RelationshipGrains.Grains;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Hosting;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Hosting;
using RelationshipGrains.Integration.Publishing;

namespace RelationshipGrains.IntegrationTests.Infrastructure;

/// <summary>
/// An in-process cluster on the real services: grain state in an Azurite container, messages on the real RabbitMQ,
/// and a reminder table every silo shares (standing in for Azure Table reminders), with short outbox timings so outages resolve in seconds.
/// </summary>
public static class RabbitCluster
{
    /// <summary>A deployment prefix of its own: a silo a test killed in-process keeps its broker connection and would take a share.</summary>
    public static string NewDeployment() => $"test-{Guid.NewGuid():N}"[..13];

    /// <summary>A bus on the test broker as the deployment's back office would run it, on the deployment's own exchanges.</summary>
    public static IBusControl BackOfficeBus(string deployment, Action<IRabbitMqBusFactoryConfigurator>? configure = null) =>
        Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(RabbitMqFixture.Host, RabbitMqFixture.Port, "/", h =>
            {
                h.Username("guest");
                h.Password("guest");
            });
            cfg.UseDeploymentPrefix(deployment);
            configure?.Invoke(cfg);
        });

    /// <param name="deployment">The cluster's <c>Messaging:QueuePrefix</c> (<see cref="NewDeployment"/>).</param>
    public static async Task<InProcessTestCluster> StartAsync(string deployment, short silos, ConsumedMessages? consumed = null, Func<OutboxMessage, bool>? hold = null)
    {
        var container = AzuriteFixture.NewContainerName();
        var reminders = new SharedTestReminderTable();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:Host"] = RabbitMqFixture.Host,
            ["Messaging:RabbitMq:Username"] = "guest",
            ["Messaging:RabbitMq:Password"] = "guest",
            ["Messaging:QueuePrefix"] = deployment,
        }).Build();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRelationshipGrains();
            // The test's client stands in for grains, partners and operators as well as channel apps.
            silo.Services.Configure<RelationshipGrains.Grains.Security.ClientSurfaceOptions>(o => o.ChannelAppsOnly = false);
            silo.AddReminders();
            silo.Services.AddSingleton<IReminderTable>(reminders);
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<TimelineOptions>(o => o.InteractionsPerMinute = 1_000_000);
            silo.Services.Configure<OutboxOptions>(o =>
            {
                o.PublishTimeout = TimeSpan.FromSeconds(2);
                o.RetryDelay = TimeSpan.FromMilliseconds(250);
                o.MaxRetryDelay = TimeSpan.FromSeconds(2);
                o.ReminderPeriod = TimeSpan.FromSeconds(2);
            });
            silo.AddAzuriteStorage(container);
            silo.Services.AddRelationshipGrainsMessaging(configuration, bus =>
            {
                if (consumed is not null)
                {
                    bus.AddConsumeObserver(_ => consumed);
                }
            });
            if (hold is not null)
            {
                silo.Services.AddSingleton<IIntegrationEventPublisher>(sp =>
                    new GatedPublisher(ActivatorUtilities.CreateInstance<MassTransitIntegrationEventPublisher>(sp), hold));
            }
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();

        // Queues are declared and bound as each bus starts; a message published before that has nowhere to go.
        foreach (var silo in cluster.Silos)
        {
            var health = await silo.ServiceProvider.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
            if (health != BusHealthStatus.Healthy)
            {
                throw new InvalidOperationException($"The bus of {silo.Name} is {health} after 60 s.");
            }
        }

        return cluster;
    }
}
