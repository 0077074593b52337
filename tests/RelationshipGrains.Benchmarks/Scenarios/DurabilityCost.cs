using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Reminders.AzureStorage;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Testing;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>Scenario 4: our durable append (the journal on Azurite append blobs) against raw AppendBlock calls of the same size and concurrency.</summary>
public static class DurabilityCost
{
    public static async Task RunAsync(BenchOptions options, LoadRunner runner, List<Measured> results)
    {
        // An Azurite of its own: the shared one may be slowed by everything the tests wrote before.
        await using var azurite = await AzuriteProcess.StartAsync();
        var traffic = new StorageTraffic();
        var service = new BlobServiceClient(azurite.ConnectionString, Counted(traffic));
        var container = $"bench-{Guid.NewGuid():N}";
        var latency = new AddedLatency();
        // As production: journals on append blobs, small state (a full timeline's archive pages among it) on block blobs.
        void OnAzurite(ISiloBuilder s)
        {
            s.AddOrleansSerializedBlobGrainStorage(StorageNames.Relationships, o =>
            {
                o.BlobServiceClient = service;
                o.ContainerName = $"{container}-state";
            });
            s.AddAppendBlobJournalStorage(o =>
            {
                o.ConnectionString = azurite.ConnectionString;
                o.ContainerName = container;
                o.ClientOptions.AddPolicy(latency, Azure.Core.HttpPipelinePosition.PerRetry);
                o.ClientOptions.AddPolicy(traffic, Azure.Core.HttpPipelinePosition.PerRetry);
            });
        }

        await using var silo = await BenchSilo.StartAsync(OnAzurite);
        var blobs = service.GetBlobContainerClient(container);
        var prefix = Guid.NewGuid().ToString("N")[..8];

        // A fresh Azurite (Node.js) answers its first thousands of requests slower than later ones, so whatever ran
        // first lost: a warm-up of raw appends, then each pair measured in the order A B B A.
        var warmUp = blobs.GetAppendBlobClient($"raw/warm-up-{prefix}");
        await warmUp.CreateAsync();
        await runner.RunAsync("durability", "warm-up", 1, (c, n) => warmUp.AppendBlockAsync(new MemoryStream(new byte[700])));

        // One customer alone: every append waits for the one before it, as a conversation's appends do.
        var customer = silo.Grains.Customer($"alone-{prefix}");
        for (var i = 0; i < 50; i++)
        {
            await customer.RecordInteractionAsync(Payloads.Interaction($"{prefix}-first-{i}"));
        }

        var bytesPerAppend = await AverageAppendAsync(blobs, $"customer/alone-{prefix}/log");
        var payload = new byte[bytesPerAppend];
        var rawLog = blobs.GetAppendBlobClient($"raw/alone-{prefix}");
        await rawLog.CreateAsync();
        Task Raw(int c, long n) => rawLog.AppendBlockAsync(new MemoryStream(payload));
        Task Ours(int c, long n) => customer.RecordInteractionAsync(Payloads.Interaction($"{prefix}-a-{c}-{n}-{Guid.NewGuid():N}"));
        // Our write runs far more code than a raw append (Orleans' call path, Journaling, snapshots and archive pages
        // every 100 calls), and the JIT tiers it up for longer: measured from 50 calls, its first two 7 s runs went at
        // 369 and 519 calls/s, the next ones at 704-719 against raw appends at 740-942 (perf put the JIT's thread at 15%
        // of the process's samples, almost all within the first 5 s). Warmed up as long as that, as the raw append is.
        await runner.RunAsync("durability", "warm-up", 1, Ours);
        await runner.RunAsync("durability", "warm-up", 1, Ours);
        var rawA = await runner.RunAsync("durability", $"raw AppendBlock, one blob ({bytesPerAppend} B)", 1, Raw, traffic);
        var oursA = await runner.RunAsync("durability", "RecordInteraction, one customer, journal on Azurite", 1, Ours, traffic);
        var oursB = await runner.RunAsync("durability", "RecordInteraction, one customer, journal on Azurite", 1, Ours, traffic);
        var rawB = await runner.RunAsync("durability", $"raw AppendBlock, one blob ({bytesPerAppend} B)", 1, Raw, traffic);
        var rawAlone = Measured.Mean(rawA, rawB);
        var alone = Measured.Mean(oursA, oursB);
        results.Add(rawAlone with { Note = $"{rawAlone.StorageNote}; A B B A" });
        results.Add(alone with { Baseline = "raw append", Ratio = alone.PerSecond / rawAlone.PerSecond, Note = $"{alone.StorageNote}; A B B A" });

        // Many callers over many customers, each customer's journal created before timing as each raw blob is.
        var callers = options.HttpCallers;
        var customers = options.Quick ? 100 : 1_000;
        await Task.WhenAll(Enumerable.Range(0, customers).Select(i =>
            silo.Grains.Customer(Payloads.CustomerId(i)).RecordInteractionAsync(Payloads.Interaction($"{prefix}-first-{i}"))));
        var rawLogs = new AppendBlobClient[customers];
        for (var i = 0; i < customers; i++)
        {
            rawLogs[i] = blobs.GetAppendBlobClient($"raw/{prefix}/{i}");
        }

        await Task.WhenAll(rawLogs.Select(log => log.CreateIfNotExistsAsync()));
        Task RawMany(int c, long n) => rawLogs[(c * 7919 + n) % customers].AppendBlockAsync(new MemoryStream(payload));
        Task OursMany(int c, long n) =>
            silo.Grains.Customer(Payloads.CustomerId((c * 7919 + n) % customers)).RecordInteractionAsync(Payloads.Interaction($"{prefix}-{c}-{n}-{Guid.NewGuid():N}"));
        var rawManyA = await runner.RunAsync("durability", $"raw AppendBlock, {callers} callers over {customers} blobs", callers, RawMany, traffic);
        var manyA = await runner.RunAsync("durability", $"RecordInteraction, {callers} callers over {customers} customers", callers, OursMany, traffic);
        var manyB = await runner.RunAsync("durability", $"RecordInteraction, {callers} callers over {customers} customers", callers, OursMany, traffic);
        var rawManyB = await runner.RunAsync("durability", $"raw AppendBlock, {callers} callers over {customers} blobs", callers, RawMany, traffic);
        var rawMany = Measured.Mean(rawManyA, rawManyB);
        var many = Measured.Mean(manyA, manyB);
        results.Add(rawMany with { Note = $"{rawMany.StorageNote}; A B B A" });
        results.Add(many with { Baseline = "raw appends", Ratio = many.PerSecond / rawMany.PerSecond, Note = $"{many.StorageNote}; A B B A" });

        // First contact: the journal's read (nothing there), its creation and the first append, three storage calls.
        var firsts = await runner.RunAsync("durability", $"first contact, {callers} callers, journal on Azurite", callers,
            (c, n) => silo.Grains.Customer($"new-{prefix}-{c}-{n}").RecordInteractionAsync(Payloads.Interaction($"{prefix}-new-{c}-{n}")));
        results.Add(firsts with { Baseline = "raw appends", Ratio = firsts.PerSecond / rawMany.PerSecond, Note = "read, create, first append: 3 storage calls" });
        await Reactivation.RunAsync(options, silo.Grains, prefix, results, latency);

        // As production: the outbox's wake-up reminder, registered on a customer's first write, is a row in Azure
        // Table storage; it is the fourth storage call of a first contact.
        await using var reminding = await BenchSilo.StartAsync(s =>
        {
            OnAzurite(s);
            s.UseAzureTableReminderService((AzureTableReminderStorageOptions o) => o.TableServiceClient = new TableServiceClient(azurite.ConnectionString));
            s.Services.Configure<OutboxOptions>(o => o.WakeUpReminder = true);
        });
        var remindedFirsts = await runner.RunAsync("durability", $"first contact, {callers} callers, reminder on Azure Table", callers,
            (c, n) => reminding.Grains.Customer($"rem-{prefix}-{c}-{n}").RecordInteractionAsync(Payloads.Interaction($"{prefix}-rem-{c}-{n}")));
        results.Add(remindedFirsts with { Baseline = "raw appends", Ratio = remindedFirsts.PerSecond / rawMany.PerSecond, Note = "and the reminder row: 4 storage calls" });
    }

    private static BlobClientOptions Counted(StorageTraffic traffic)
    {
        var options = new BlobClientOptions();
        options.AddPolicy(traffic, Azure.Core.HttpPipelinePosition.PerRetry);
        return options;
    }

    private static async Task<int> AverageAppendAsync(BlobContainerClient blobs, string log)
    {
        var properties = (await blobs.GetAppendBlobClient(log).GetPropertiesAsync()).Value;
        return (int)Math.Max(1, properties.ContentLength / Math.Max(1, properties.BlobCommittedBlockCount));
    }
}
