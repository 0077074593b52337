using System.Diagnostics;
using Azure.Storage.Blobs;

namespace RelationshipGrains.IntegrationTests.Cluster;

/// <summary>
/// Asks the storage for a small blob's properties every 100 ms, one request at a time from the test's process (which
/// sends the storage nothing else meanwhile), and times each answer. Slow calls with a fast probe waited between the
/// silos and the storage (their connections, their own turns); slow calls with a slow probe waited in the storage.
/// </summary>
internal sealed class StorageProbe : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TimeSpan Sent, TimeSpan Took, bool Answered)> _probes = [];
    private readonly Task _loop;

    private StorageProbe(BlobClient blob, Stopwatch clock) => _loop = LoopAsync(blob, clock);

    public static async Task<StorageProbe> StartAsync(string connectionString, Stopwatch clock)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient("storage-probe");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("probe");
        await blob.UploadAsync(BinaryData.FromString("probe"), overwrite: true);
        return new StorageProbe(blob, clock);
    }

    private async Task LoopAsync(BlobClient blob, Stopwatch clock)
    {
        while (!_stop.IsCancellationRequested)
        {
            var sent = clock.Elapsed;
            var answered = false;
            try
            {
                await blob.GetPropertiesAsync(cancellationToken: _stop.Token);
                answered = true;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // Counted, not thrown: the probe reports on the storage, and the test's own calls say what failed.
            }

            var took = clock.Elapsed - sent;
            lock (_probes)
            {
                _probes.Add((sent, took, answered));
            }

            if (took < Period)
            {
                await Task.Delay(Period - took, CancellationToken.None);
            }
        }
    }

    /// <summary>The probes sent from <paramref name="from"/> to <paramref name="to"/>: the median, the slowest and when it was sent.</summary>
    public string Describe(TimeSpan from, TimeSpan to)
    {
        // Failures counted over the same window as the answers: the probe runs on past the kill until the test ends.
        List<(TimeSpan Sent, TimeSpan Took, bool Answered)> window;
        int failed;
        lock (_probes)
        {
            var sent = _probes.Where(a => a.Sent >= from && a.Sent < to).ToList();
            window = [.. sent.Where(a => a.Answered)];
            failed = sent.Count - window.Count;
        }

        if (window.Count == 0)
        {
            return $"no storage probe was answered ({failed} failed)";
        }

        var sorted = window.Select(a => a.Took.TotalMilliseconds).Order().ToList();
        var slowest = window.MaxBy(a => a.Took);
        return $"{window.Count} storage probes answered in {Percentiles.Of(sorted, 0.5):0} ms (median), the slowest in "
            + $"{slowest.Took.TotalMilliseconds:0} ms (sent {(slowest.Sent - from).TotalMilliseconds:0} ms in), "
            + $"{sorted.Count(ms => ms > 250)} over 250 ms, {failed} failed";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
