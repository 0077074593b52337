using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using RelationshipGrains.IntegrationTests.Infrastructure;
using RelationshipGrains.Persistence.AzureStorage;

namespace RelationshipGrains.IntegrationTests.Storage;

/// <summary>A silo keeps a bounded number of requests in flight to the storage account; a burst waits its turn in the silo.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class Bounding_requests_to_storage
{
    [Fact]
    public async Task A_burst_waits_its_turn_in_the_silo_and_not_inside_the_network_timeout()
    {
        using var handler = new CountingHandler(TimeSpan.FromMilliseconds(100));
        var options = new AzureJournalOptions
        {
            ConnectionString = AzuriteFixture.ConnectionString,
            MaxConcurrentRequests = 4,
            ClientOptions = new BlobClientOptions
            {
                Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(1) },
                Transport = new HttpClientTransport(handler),
            },
        };
        var container = options.CreateServiceClient().GetBlobContainerClient(AzuriteFixture.NewContainerName());
        await container.CreateAsync();

        // 80 requests of at least 100 ms through 4 slots take 2 s or more, twice the network timeout: none may fail.
        await Task.WhenAll(Enumerable.Range(0, 80).Select(i => container.GetBlobClient($"burst-{i}").UploadAsync(BinaryData.FromString("x"))));
        var blobs = await container.GetBlobsAsync().CountAsync();
        await container.DeleteAsync();

        Assert.Equal(4, handler.Peak);
        Assert.Equal(80, blobs);
    }

    /// <summary>Counts requests in flight on the wire and makes each take a while, as a busy account does.</summary>
    private sealed class CountingHandler(TimeSpan delay) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _inFlight;
        private int _peak;

        public int Peak => Volatile.Read(ref _peak);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(delay, cancellationToken);
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
