using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using RelationshipGrains.Grains;
using RelationshipGrains.Grains.Hosting;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Hosting;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>
/// A silo with the real back-office integration on the MassTransit test harness (in-memory bus), an ERP and webhook
/// receivers on 127.0.0.1, and real time (webhook retries and batches wait on the clock).
/// </summary>
public sealed class MessagingClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TestReceiver Receiver { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public ITestHarness Harness => Cluster.Silos[0].ServiceProvider.GetRequiredService<ITestHarness>();

    public ConsumedMessages Consumed { get; } = new();

    /// <summary>The silo's journals.</summary>
    public RelationshipGrains.Persistence.Journals.MemoryJournalStorageProvider Journals { get; } = new();

    /// <summary>The silo's reminder table.</summary>
    public SharedTestReminderTable Reminders { get; } = new();

    /// <summary>Grain calls a test makes fail.</summary>
    public FailingCalls Failures { get; } = new();

    public const int WebhookAttempts = 3;

    public async Task InitializeAsync()
    {
        Receiver = await TestReceiver.StartAsync();
        Receiver.Answer = ErpAccepts;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Erp:BaseUrl"] = $"{Receiver.BaseUrl}/erp/",
            ["Webhooks:AllowInternalTargets"] = "true",
            ["Webhooks:Attempts"] = WebhookAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Webhooks:FirstRetryDelay"] = "00:00:00.050",
        }).Build();
        var storage = new SharedTestGrainStorage();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRelationshipGrains();
            // The test's client stands in for grains, partners and operators as well as channel apps.
            silo.Services.Configure<RelationshipGrains.Grains.Security.ClientSurfaceOptions>(o => o.ChannelAppsOnly = false);
            silo.AddReminders();
            silo.Services.AddSingleton<IReminderTable>(Reminders);
            silo.AddIncomingGrainCallFilter(Failures.Invoke);
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Relationships, storage);
            silo.AddMemoryJournalStorage(Journals);
            silo.Services.Configure<OutboxOptions>(o => o.RetryDelay = TimeSpan.FromMilliseconds(100));
            silo.Services.AddRelationshipGrainsIntegration(configuration);
            silo.Services.AddMassTransitTestHarness(bus =>
            {
                bus.AddRelationshipGrainsConsumers(configuration);
                bus.AddConsumeObserver(_ => Consumed);
                bus.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(60), testInactivityTimeout: TimeSpan.FromSeconds(10));
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseInProcessSerialization();
                    cfg.ConfigureEndpoints(context);
                });
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();

    }

    /// <summary>The test ERP takes every order and design request, naming it after its idempotency key.</summary>
    public static (int, string) ErpAccepts(ReceivedRequest request) => request.Path.StartsWith("/erp/", StringComparison.Ordinal)
        ? (201, $$"""{"id":"erp-{{request.Headers["Idempotency-Key"].Replace('/', '-')}}","status":"accepted"}""")
        : (200, "{}");

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MessagingCollection : ICollectionFixture<MessagingClusterFixture>
{
    public const string Name = "messaging";
}
