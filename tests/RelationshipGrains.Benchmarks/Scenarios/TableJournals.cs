using System.Diagnostics;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Journaling;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Customers;
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
            s.AddOrleansSerializedMemoryGrainStorage(StorageNames.Relationships);
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
            // The first few hundred calls on a fresh silo and storage run slower, whichever shard makes them.
            var warmUp = await FlatCost.DirectoryShard(silo.Grains, keys)(1);
            for (var n = 0; n < 300; n++)
            {
                await warmUp(n);
            }

            await FlatCost.CompareAsync(runner, results, journals, $"tables: directory upsert, {store} on Azurite", "cards in the shard", 10, cards,
                FlatCost.DirectoryShard(silo.Grains, keys), upserts);
            results.Add(await ReactivationAsync(silo.Grains.GetGrain<ICustomerDirectoryGrain>(keys + cards), $"tables: directory upsert, {store} on Azurite",
                $"reactivate the shard of {cards:N0} cards"));
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

    /// <summary>The median of five reactivations: the activation asked to leave, then a search answered by a fresh one.</summary>
    private static async Task<Measured> ReactivationAsync(ICustomerDirectoryGrain shard, string scenario, string operation)
    {
        var times = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            await shard.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
            if ((await shard.SearchAsync("c-00001", 1)).Count != 1)
            {
                throw new InvalidOperationException("A reactivated directory shard did not find a card it holds.");
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        var sorted = times.Order().ToArray();
        return new Measured(scenario, operation, 1, sorted.Length, 1000 / sorted.Average(), LoadRunner.Percentile(sorted, 0.5), sorted[^1], 0)
        {
            Note = "first answer after leaving; p50 of 5, p99 = slowest",
        };
    }
}
