using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using RelationshipGrains.Grains;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Hosting;

namespace RelationshipGrains.IntegrationTests.Infrastructure;

/// <summary>An in-process cluster whose grain state lives in one Azurite container; several clusters may share it.</summary>
public static class AzureCluster
{
    /// <summary>
    /// As production keeps it: small state through Orleans' blob storage, customers' journals on append blobs in the
    /// container, the large grains' journals in the table <see cref="JournalTable"/>.
    /// </summary>
    public static ISiloBuilder AddAzuriteStorage(this ISiloBuilder silo, string container, string connectionString = AzuriteFixture.ConnectionString)
    {
        silo.AddOrleansSerializedBlobGrainStorage(StorageNames.Relationships, o =>
        {
            o.BlobServiceClient = new Azure.Storage.Blobs.BlobServiceClient(connectionString);
            o.ContainerName = container;
            o.DeleteStateOnClear = true;
        });
        return silo.AddAzureJournalStorage(
            o =>
            {
                o.ConnectionString = connectionString;
                o.ContainerName = container;
            },
            o =>
            {
                o.ConnectionString = connectionString;
                o.TableName = JournalTable(container);
            });
    }

    /// <summary>The journal table that goes with a test's container.</summary>
    public static string JournalTable(string container) => container.Replace("-", "", StringComparison.Ordinal);

    public static async Task<InProcessTestCluster> StartAsync(string container, short silos = 1, string connectionString = AzuriteFixture.ConnectionString)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRelationshipGrains();
            // The test's client stands in for grains, partners and operators as well as channel apps.
            silo.Services.Configure<RelationshipGrains.Grains.Security.ClientSurfaceOptions>(o => o.ChannelAppsOnly = false);
            silo.UseInMemoryReminderService();
            // The tests write thousands of interactions to one customer in seconds, far past the abuse limit.
            silo.Services.Configure<TimelineOptions>(o => o.InteractionsPerMinute = 1_000_000);
            silo.AddAzuriteStorage(container, connectionString);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
