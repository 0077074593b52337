using System.Diagnostics;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace RelationshipGrains.IntegrationTests.Cluster;

/// <summary>
/// How many appends a second the storage takes from this machine with no grains in between: parallel writers, each
/// appending journal-sized blocks to an append blob of its own, as fast as answers come. The ceiling the cluster's
/// acknowledged rate is compared with.
/// </summary>
public static class RawAppendRate
{
    public static async Task<(double PerSecond, int Appends)> MeasureAsync(string connectionString, TimeSpan duration, int writers = 32, int bytes = 900)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient($"raw-append-{Guid.NewGuid():N}"[..24]);
        await container.CreateIfNotExistsAsync();
        var block = new byte[bytes];
        Random.Shared.NextBytes(block);
        var appends = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            var blob = container.GetAppendBlobClient($"writer-{w}");
            await blob.CreateAsync();
            while (clock.Elapsed < duration)
            {
                await blob.AppendBlockAsync(new MemoryStream(block));
                Interlocked.Increment(ref appends);
            }
        }));
        var rate = appends / clock.Elapsed.TotalSeconds;
        await container.DeleteAsync();
        return (rate, appends);
    }
}
