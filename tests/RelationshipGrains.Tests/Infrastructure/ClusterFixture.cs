using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Journaling;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;
using Orleans.TestingHost;
using RelationshipGrains.Grains;
using RelationshipGrains.Grains.Communities;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Hosting;
using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>An in-process cluster of real silos running the real grains, with shared storage and a fake clock.</summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly short _silos;

    public ClusterFixture() : this(1)
    {
    }

    protected ClusterFixture(short silos) => _silos = silos;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public SharedTestGrainStorage Storage { get; } = new();

    public SharedTestJournals Journals { get; } = new();

    public RecordingIntegrationEventPublisher Events { get; } = new();

    public SharedTestReminderTable Reminders { get; } = new();

    /// <summary>Grain calls a test makes fail.</summary>
    public FailingCalls Failures { get; } = new();

    /// <summary>Grain calls a test holds inside their turn until it lets them go.</summary>
    public HeldCalls HeldCalls { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public const int WindowSize = 20;
    public const int PageSize = 10;
    public const int IdempotencyWindow = 100;
    public const int SubjectsKept = 3;
    public const int RecentPosts = 4;
    public const int PostPageSize = 2;
    public const int MaxThreadPosts = 6;
    public const int InteractionsPerMinute = 300;
    public const int MaxPendingEvents = 10;
    public const int ConsumerAttempts = 3;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Whether the cluster's client is held to the channel-app surface, as a production client is.</summary>
    protected virtual bool ChannelAppsOnly => false;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(_silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(Time);
            // Only the product's time moves with the fake clock: grain timers, reminders, journals and our own code.
            // Orleans' machinery stays on real time; on the fake clock a jump of an hour timed out every call in
            // flight (messaging), collected activations a live feed was waiting on, and ran the maintenance loops
            // inline on the advancing thread.
            foreach (var machinery in new[]
            {
                TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership,
                TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory, StreamingTimeProviderNames.Streaming,
            })
            {
                silo.Services.AddKeyedSingleton(machinery, TimeProvider.System);
            }

            silo.Services.AddSingleton<IIntegrationEventPublisher>(Events);
            silo.AddRelationshipGrains();
            // The test's client stands in for grains, partners and operators as well as channel apps, unless a
            // fixture is about what a channel app may do. Deploying, the test host asks every silo through its
            // client whether the cluster is stable, by its test hooks, which a silo closes to clients like every
            // Orleans internal.
            silo.Services.Configure<RelationshipGrains.Grains.Security.ClientSurfaceOptions>(o =>
            {
                o.ChannelAppsOnly = ChannelAppsOnly;
                o.AlsoOpen.Add("Orleans.Runtime.TestHooks.ITestHooks");
            });
            silo.AddReminders();
            silo.Services.AddSingleton<IReminderTable>(Reminders);
            silo.AddIncomingGrainCallFilter(Failures.Invoke);
            silo.AddIncomingGrainCallFilter(HeldCalls.Invoke);
            silo.Services.Configure<TimelineOptions>(o =>
            {
                // Small enough that ordinary tests cross from window to archive pages.
                o.WindowSize = WindowSize;
                o.PageSize = PageSize;
                o.IdempotencyWindow = IdempotencyWindow;
                o.SubjectsKept = SubjectsKept;
                o.InteractionsPerMinute = InteractionsPerMinute;
            });
            silo.Services.Configure<CommunityOptions>(o =>
            {
                // Small enough that a community test of a few posts reads across archive pages.
                o.RecentPosts = RecentPosts;
                o.PostPageSize = PostPageSize;
                o.MaxThreadPosts = MaxThreadPosts;
            });
            silo.Services.Configure<OutboxOptions>(o =>
            {
                o.MaxPendingPerGrain = MaxPendingEvents;
                o.ConsumerAttempts = ConsumerAttempts;
            });
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Relationships, Storage);
            silo.Services.AddSingleton(Journals.Memory.Compactions);
            silo.AddJournalCore();
            silo.AddJournalStorage("Default", _ => Journals);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
