using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>
/// Logs each try of a storage request that took longer than a threshold, or that ended without an answer, naming the
/// blob. Azure's SDK reports such requests only on its own event source, which nothing listens to by default: in the
/// three-silo kill test calls waited 1-1.8 s on journal appends and the silos' logs said nothing of it. At most one
/// line a second: an overloaded account slows thousands of requests at once (4,066 lines in one kill test's warm-up),
/// so each line counts the slow tries it stands for.
/// </summary>
public sealed partial class SlowRequestLog(ILogger logger, TimeSpan threshold) : HttpPipelinePolicy
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private long _lastLine;
    private int _unreported;

    /// <summary>Logs the slow tries of clients built from <paramref name="options"/>; a threshold of zero or less logs none.</summary>
    public static void Watch(ClientOptions options, ILogger logger, TimeSpan threshold)
    {
        if (threshold > TimeSpan.Zero)
        {
            options.AddPolicy(new SlowRequestLog(logger, threshold), HttpPipelinePosition.PerRetry);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception e) when (Report(message, started, e))
        {
            throw;
        }

        Report(message, started, failure: null);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception e) when (Report(message, started, e))
        {
            throw;
        }

        Report(message, started, failure: null);
    }

    /// <summary>Always false, so the exception goes on unchanged.</summary>
    private bool Report(HttpMessage message, long started, Exception? failure)
    {
        var now = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(started, now);
        var failed = failure is not null && !message.CancellationToken.IsCancellationRequested;
        if (!failed && (failure is not null || elapsed < threshold))
        {
            return false;
        }

        var last = Volatile.Read(ref _lastLine);
        if ((last != 0 && Stopwatch.GetElapsedTime(last, now) < Interval) || Interlocked.CompareExchange(ref _lastLine, now, last) != last)
        {
            Interlocked.Increment(ref _unreported);
            return false;
        }

        var others = Interlocked.Exchange(ref _unreported, 0);
        var (method, path, milliseconds) = (message.Request.Method.Method, message.Request.Uri.Path, (long)elapsed.TotalMilliseconds);
        if (failed)
        {
            LogFailed(logger, failure, method, path, milliseconds, others);
        }
        else
        {
            LogSlow(logger, method, path, milliseconds, message.Response.Status, others);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Storage request {Method} {Path} took {Milliseconds} ms (answered {Status}); {Others} more slow or unanswered since the last such line.")]
    private static partial void LogSlow(ILogger logger, string method, string path, long milliseconds, int status, int others);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Storage request {Method} {Path} got no answer after {Milliseconds} ms (the client tries again if it has tries left); {Others} more slow or unanswered since the last such line.")]
    private static partial void LogFailed(ILogger logger, Exception? exception, string method, string path, long milliseconds, int others);
}
