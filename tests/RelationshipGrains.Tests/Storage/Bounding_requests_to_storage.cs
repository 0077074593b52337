using System.Net;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using RelationshipGrains.Persistence.AzureStorage;

namespace RelationshipGrains.Tests.Storage;

/// <summary>
/// A silo keeps a bounded number of requests in flight to the storage account; a burst waits its turn in the silo.
/// The account is a handler that answers every request itself after a fixed pause, so only the bound sets the timing
/// (against Azurite, a single slow answer on a busy machine outlasted the short network timeout this needs). It runs
/// alone, after the parallel tests: in a fresh-clone CI run (2026-12-03) beside the tests that start and stop whole
/// silos in this process, one 100 ms answer was not back within the 2 s timeout. The silos' watchdog in the same
/// process reported its check thread late just before, and a 1.4 s thread-pool stall earlier in that run; run beside
/// only the configuration tests (twice), it passed, so the stall takes the whole suite's load.
/// </summary>
[Collection(Name)]
public sealed class Bounding_requests_to_storage
{
    public const string Name = "bounding requests to storage";

    [Fact]
    public async Task A_burst_waits_its_turn_in_the_silo_and_not_inside_the_network_timeout()
    {
        using var account = new SlowAccount(TimeSpan.FromMilliseconds(100));
        var options = new AzureJournalOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            MaxConcurrentRequests = 4,
            ClientOptions = new BlobClientOptions
            {
                Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(2) },
                Transport = new HttpClientTransport(account),
            },
        };
        // Two clients built from the same options share its one bound.
        BlobContainerClient[] containers = [options.CreateServiceClient().GetBlobContainerClient("bounded"), options.CreateServiceClient().GetBlobContainerClient("bounded")];

        // 200 requests of 100 ms through 4 slots take 5 s, well past the 2 s network timeout: none may fail.
        var found = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => containers[i % 2].GetBlobClient($"burst-{i}").ExistsAsync()));

        Assert.Equal(4, account.Peak);
        Assert.Equal(200, account.Requests);
        Assert.All(found, f => Assert.False(f.Value));
    }

    /// <summary>Counts requests in flight and answers each, after a pause, that the blob does not exist.</summary>
    private sealed class SlowAccount(TimeSpan pause) : HttpMessageHandler
    {
        private int _inFlight;
        private int _peak;
        private int _requests;

        public int Peak => Volatile.Read(ref _peak);

        public int Requests => Volatile.Read(ref _requests);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(pause, cancellationToken);
                var answer = new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request, Content = new ByteArrayContent([]) };
                answer.Headers.Add("x-ms-error-code", "BlobNotFound");
                return answer;
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}

[CollectionDefinition(Bounding_requests_to_storage.Name, DisableParallelization = true)]
public sealed class BoundingRequestsCollection
{
}
