using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Customers;
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
        var service = new BlobServiceClient(azurite.ConnectionString);
        var container = $"bench-{Guid.NewGuid():N}";
        await using var silo = await BenchSilo.StartAsync(s => s.AddAppendBlobJournalStorage(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.ContainerName = container;
        }));
        var blobs = service.GetBlobContainerClient(container);
        var prefix = Guid.NewGuid().ToString("N")[..8];

        // One customer alone: every append waits for the one before it, as a conversation's appends do.
        var alone = await runner.RunAsync("durability", "RecordInteraction, one customer, journal on Azurite", 1, (c, n) =>
            silo.Grains.Customer($"alone-{prefix}").RecordInteractionAsync(Payloads.Interaction($"{prefix}-a-{n}")));
        var bytesPerAppend = await AverageAppendAsync(blobs, $"customer/alone-{prefix}/log");
        var payload = new byte[bytesPerAppend];
        var rawLog = blobs.GetAppendBlobClient($"raw/alone-{prefix}");
        await rawLog.CreateAsync();
        var rawAlone = await runner.RunAsync("durability", $"raw AppendBlock, one blob ({bytesPerAppend} B)", 1, (c, n) =>
            rawLog.AppendBlockAsync(new MemoryStream(payload)));
        results.Add(rawAlone);
        results.Add(alone with { Baseline = "raw append", Ratio = alone.PerSecond / rawAlone.PerSecond, Note = "one conditional append per interaction" });

        // Many callers over many customers.
        var callers = options.HttpCallers;
        var customers = options.Quick ? 100 : 1_000;
        var many = await runner.RunAsync("durability", $"RecordInteraction, {callers} callers over {customers} customers", callers, (c, n) =>
            silo.Grains.Customer(Payloads.CustomerId((c * 7919 + n) % customers)).RecordInteractionAsync(Payloads.Interaction($"{prefix}-{c}-{n}")));
        var rawLogs = new AppendBlobClient[customers];
        for (var i = 0; i < customers; i++)
        {
            rawLogs[i] = blobs.GetAppendBlobClient($"raw/{prefix}/{i}");
        }

        await Task.WhenAll(rawLogs.Select(log => log.CreateIfNotExistsAsync()));

        var rawMany = await runner.RunAsync("durability", $"raw AppendBlock, {callers} callers over {customers} blobs", callers, (c, n) =>
            rawLogs[(c * 7919 + n) % customers].AppendBlockAsync(new MemoryStream(payload)));
        results.Add(rawMany);
        results.Add(many with { Baseline = "raw appends", Ratio = many.PerSecond / rawMany.PerSecond, Note = "many appenders" });
    }

    private static async Task<int> AverageAppendAsync(BlobContainerClient blobs, string log)
    {
        var properties = (await blobs.GetAppendBlobClient(log).GetPropertiesAsync()).Value;
        return (int)Math.Max(1, properties.ContentLength / Math.Max(1, properties.BlobCommittedBlockCount));
    }
}
