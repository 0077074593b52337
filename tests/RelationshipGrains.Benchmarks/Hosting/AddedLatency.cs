using Azure.Core;
using Azure.Core.Pipeline;

namespace RelationshipGrains.Benchmarks.Hosting;

/// <summary>
/// Adds a fixed wait to every storage request while <see cref="Delay"/> is set. Azurite answers on loopback and serves
/// one request at a time, so it shows what a request costs its server but not what a round trip costs across a
/// network, where Azure serves requests side by side and a round trip saved is milliseconds.
/// </summary>
public sealed class AddedLatency : HttpPipelinePolicy
{
    public TimeSpan Delay { get; set; }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Delay > TimeSpan.Zero)
        {
            Thread.Sleep(Delay);
        }

        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        await ProcessNextAsync(message, pipeline);
    }
}
