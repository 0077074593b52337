using Azure.Storage.Blobs;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>Scenario 4: our write path on the Azure Blob provider (Azurite) against raw SDK uploads of the same size and concurrency.</summary>
public static class DurabilityCost
{
    private const string ConnectionString = "UseDevelopmentStorage=true";

    public static async Task RunAsync(BenchOptions options, LoadRunner runner, List<Measured> results)
    {
        var service = new BlobServiceClient(ConnectionString);
        try
        {
            await service.GetPropertiesAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException("Azurite is not answering on 127.0.0.1:10000; start it with 'bash infra/services/azurite.sh'.", e);
        }

        var container = $"bench-{Guid.NewGuid():N}";
        await using var silo = await BenchSilo.StartAsync(s => s.AddAzureBlobGrainStorage(StorageNames.Relationships, o =>
        {
            o.ConnectionString = ConnectionString;
            o.ContainerName = container;
        }));
        var callers = options.HttpCallers;
        var customers = Math.Min(options.Customers, 1_000);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var ours = await runner.RunAsync("durability", "RecordInteraction on Azure Blob", callers, (c, n) =>
            silo.Grains.GetGrain<ICustomerGrain>(Payloads.CustomerId((c * 7919 + n) % customers)).RecordInteractionAsync(Payloads.Interaction($"{prefix}-{c}-{n}")));

        var blobs = service.GetBlobContainerClient(container);
        var sizes = new List<long>();
        await foreach (var blob in blobs.GetBlobsAsync())
        {
            sizes.Add(blob.Properties.ContentLength ?? 0);
        }

        var payload = BinaryData.FromBytes(new byte[(int)sizes.Average()]);
        var raw = await runner.RunAsync("durability", $"raw SDK upload ({payload.ToMemory().Length} B)", callers, (c, n) =>
            blobs.GetBlobClient($"raw/{(c * 7919 + n) % customers}").UploadAsync(payload, overwrite: true));
        results.Add(raw);
        results.Add(ours with { Baseline = "raw upload", Ratio = ours.PerSecond / raw.PerSecond, Note = "ETag-checked write per interaction" });
        await blobs.DeleteIfExistsAsync();
    }
}
