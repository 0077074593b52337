using System.Runtime.CompilerServices;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>
/// Holds a client's requests in flight to a bound; the rest wait here, in order, before their network timeout starts
/// (the policy sits after the retry policy, before the one that times the response). Unbounded, a burst of
/// activations in the three-silo kill test sent Azurite more requests than it answered within the timeout: requests
/// timed out and were sent again while the first tries still ran, activations were cancelled, and the burst's tail
/// spilled into the next minute's calls.
/// </summary>
public sealed class RequestLimitPolicy(int limit) : HttpPipelinePolicy
{
    // Options already bounded: every client built from one options object shares its one bound.
    private static readonly ConditionalWeakTable<ClientOptions, RequestLimitPolicy> Bounded = [];

    private readonly SemaphoreSlim _slots = new(limit, limit);

    /// <summary>
    /// Bounds the clients built from <paramref name="options"/> to <paramref name="limit"/> requests in flight, together;
    /// 0 or less leaves them unbounded. Bounding the same options again changes nothing.
    /// </summary>
    public static void Bound(ClientOptions options, int limit)
    {
        if (limit <= 0 || Bounded.TryGetValue(options, out _))
        {
            return;
        }

        var policy = new RequestLimitPolicy(limit);
        if (Bounded.TryAdd(options, policy))
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        _slots.Wait(message.CancellationToken);
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            _slots.Release();
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await _slots.WaitAsync(message.CancellationToken).ConfigureAwait(false);
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }
}
