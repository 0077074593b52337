using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RelationshipGrains.Benchmarks.Hosting;

/// <summary>
/// Counts the storage requests a silo makes, the bytes it sends and the time requests take, so a row can say what one
/// operation cost the storage account beside what it cost its caller: a snapshot or a second request per change shows
/// here before it shows in a rate, and the time outside requests is what the silo itself added.
/// </summary>
public sealed class StorageTraffic : HttpPipelinePolicy
{
    private long _requests;
    private long _bytesSent;
    private long _ticks;

    public (long Requests, long BytesSent, TimeSpan InRequests) Now =>
        (Interlocked.Read(ref _requests), Interlocked.Read(ref _bytesSent), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks)));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var start = Count(message);
        ProcessNext(message, pipeline);
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var start = Count(message);
        await ProcessNextAsync(message, pipeline);
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
    }

    private long Count(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        if (message.Request.Content is { } content && content.TryComputeLength(out var length))
        {
            Interlocked.Add(ref _bytesSent, length);
        }

        return Stopwatch.GetTimestamp();
    }
}
