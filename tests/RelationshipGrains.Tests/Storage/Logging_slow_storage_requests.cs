using System.Net;
using Azure;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using RelationshipGrains.Persistence.AzureStorage;
using RelationshipGrains.Testing;

namespace RelationshipGrains.Tests.Storage;

/// <summary>
/// A journal request that keeps a grain waiting shows in the silo's log, with its blob; a quick one does not. The
/// account is a handler that answers by the blob's name: at once, after a pause, or not at all.
/// </summary>
public sealed class Logging_slow_storage_requests
{
    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_try_slower_than_the_threshold_is_logged_with_its_blob_and_answer_and_a_quick_one_is_not()
    {
        using var logs = new LogLines();
        var container = Container(logs);

        await container.GetBlobClient("quick").ExistsAsync();
        await container.GetBlobClient("slow").ExistsAsync();

        var line = Assert.Single(logs.Lines);
        Assert.Contains("HEAD devstoreaccount1/watched/slow took", line, StringComparison.Ordinal);
        Assert.EndsWith("ms (answered 404); 0 more slow or unanswered since the last such line.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_burst_of_slow_tries_takes_one_line_a_second_and_the_next_line_counts_the_rest()
    {
        using var logs = new LogLines();
        var container = Container(logs);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => container.GetBlobClient("slow").ExistsAsync()));
        await container.GetBlobClient("slow").ExistsAsync();

        // Six slow tries, two lines: every try not written out is counted by a line. Which line counts a try that ended
        // with the first is not fixed: it may be counted just before the first line is written (a fresh clone's run
        // read 1 and 3), so the test holds the total, not the split.
        var counted = logs.Lines.Select(l => int.Parse(l.Split("); ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, counted.Count);
        Assert.Equal(4, counted.Sum());
    }

    [Fact]
    public async Task A_try_that_gets_no_answer_is_logged_as_such()
    {
        using var logs = new LogLines();
        var container = Container(logs);

        await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("lost").ExistsAsync());

        Assert.Contains("HEAD devstoreaccount1/watched/lost got no answer after", Assert.Single(logs.Lines), StringComparison.Ordinal);
    }

    private static BlobContainerClient Container(LogLines logs)
    {
        var options = new BlobClientOptions { Retry = { MaxRetries = 0 }, Transport = new HttpClientTransport(new Account()) };
        SlowRequestLog.Watch(options, logs.CreateLogger("storage"), Threshold);
        return new BlobServiceClient("UseDevelopmentStorage=true", options).GetBlobContainerClient("watched");
    }

    /// <summary>Answers that the blob does not exist: "slow" after longer than the threshold, "lost" never.</summary>
    private sealed class Account : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var blob = request.RequestUri!.AbsolutePath.Split('/')[^1];
            if (blob == "lost")
            {
                throw new HttpRequestException("The connection was closed before an answer came (simulated).");
            }

            if (blob == "slow")
            {
                await Task.Delay(Threshold + TimeSpan.FromMilliseconds(300), cancellationToken);
            }

            var answer = new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request, Content = new ByteArrayContent([]) };
            answer.Headers.Add("x-ms-error-code", "BlobNotFound");
            return answer;
        }
    }
}
