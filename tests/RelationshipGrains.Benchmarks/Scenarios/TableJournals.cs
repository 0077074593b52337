using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Journaling;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Grains;
using RelationshipGrains.Persistence.AzureStorage;
using RelationshipGrains.Persistence.AzureStorage.Tables;
using RelationshipGrains.Testing;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>
/// Scenario 8: journals in Azure Table partitions against journals on append blobs, both on one Azurite. A large
/// directory shard's upsert in time and bytes (an append blob must snapshot every 100 blocks, a table partition only by
/// size), one customer's append, and reactivating a customer with a long history.
/// </summary>
public static class TableJournals
{
    public static async Task RunAsync(BenchOptions options, LoadRunner runner, List<Measured> results)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var table = $"bench{Guid.NewGuid():N}";
        var container = $"bench-{Guid.NewGuid():N}";
        await new TableServiceClient(azurite.ConnectionString).GetTableClient(table).CreateAsync();
        await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(container).CreateAsync();
        var latency = new AddedLatency();

        IJournalStorageProvider Tables(IServiceProvider sp) => ActivatorUtilities.CreateInstance<TableJournalStorageProvider>(sp);
        IJournalStorageProvider Blobs(IServiceProvider sp) => ActivatorUtilities.CreateInstance<AppendBlobJournalStorageProvider>(sp);
        void Configure(ISiloBuilder s)
        {
            s.AddMemoryGrainStorage(StorageNames.Relationships);
            s.AddJournalCore();
            s.Services.Configure<TableJournalOptions>(o =>
            {
                o.ConnectionString = azurite.ConnectionString;
                o.TableName = table;
                o.ClientOptions.AddPolicy(latency, HttpPipelinePosition.PerRetry);
            });
            s.Services.Configure<AzureJournalOptions>(o =>
            {
                o.ConnectionString = azurite.ConnectionString;
                o.ContainerName = container;
            });
        }

        var cards = options.Quick ? 1_000 : 10_000;
        var upserts = options.Quick ? 500 : 3_000;
        foreach (var (store, inner, keys) in new[] { ("Azure Table journals", (Func<IServiceProvider, IJournalStorageProvider>)Tables, 3_000_000), ("append blob journals", Blobs, 4_000_000) })
        {
            var journals = new CountingJournals();
            await using var silo = await BenchSilo.StartAsync(s =>
            {
                Configure(s);
                s.AddJournalStorage("Default", sp =>
                {
                    journals.Inner = inner(sp);
                    return journals;
                });
            });
            await FlatCost.CompareAsync(runner, results, journals, $"tables: directory upsert, {store} on Azurite", "cards in the shard", 10, cards,
                FlatCost.DirectoryShard(silo.Grains, keys), upserts);
        }

        await using (var silo = await BenchSilo.StartAsync(s =>
        {
            Configure(s);
            s.AddJournalStorage("Default", Tables);
        }))
        {
            // 2,000 entries already show the cost, and filling 100,000 on Azurite's tables takes minutes.
            await Reactivation.RunAsync(options, silo.Grains, Guid.NewGuid().ToString("N")[..8], results, latency, "tables", " on Azure Table journals", longest: 2_000);
        }
    }
}
