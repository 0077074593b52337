using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Journaling;
using Orleans.Storage;
using RelationshipGrains.Grains;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Hosting;
using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Benchmarks.Hosting;

/// <summary>A silo in this process on loopback ports, with the storage a scenario chooses, and clients that connect over TCP.</summary>
public sealed class BenchSilo(IHost host, int gatewayPort, string clusterId) : IAsyncDisposable
{
    public IGrainFactory Grains { get; } = host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => host.Services;

    public static async Task<BenchSilo> StartAsync(Action<ISiloBuilder> storage)
    {
        var (siloPort, gatewayPort, clusterId) = (FreePorts.Next(), FreePorts.Next(), $"bench-{Guid.NewGuid():N}");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: clusterId, clusterId: clusterId);
            silo.AddRelationshipGrains();
            silo.UseInMemoryReminderService();
            // Benchmarks drive one customer far past the per-customer abuse limit on purpose.
            silo.Services.Configure<TimelineOptions>(o => o.InteractionsPerMinute = int.MaxValue);

            // As in the embedded profile: in-memory reminders cannot outlive the silo, so the outbox's wake-up reminder
            // would only fill the in-memory reminder table (about 3 KB a customer) without protecting anything.
            silo.Services.Configure<OutboxOptions>(o => o.WakeUpReminder = false);
            storage(silo);
            // Without it a full timeline's archiving fails on every later write: measured, that is a broken silo.
            if (!silo.Services.Any(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, StorageNames.Relationships)))
            {
                throw new InvalidOperationException($"The scenario configured no grain storage named '{StorageNames.Relationships}'.");
            }

            if (!silo.Services.Any(d => d.ServiceType == typeof(IJournalStorageProvider)))
            {
                silo.AddMemoryJournalStorage();
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host, gatewayPort, clusterId);
    }

    /// <summary>A grain client host, as a channel app would run it, talking to this silo through its gateway.</summary>
    public async Task<IHost> ConnectClientAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, clusterId, clusterId));
        var client = builder.Build();
        await client.StartAsync();
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
