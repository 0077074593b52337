namespace RelationshipGrains.Benchmarks.Ping;

/// <summary>The cheapest possible grain call: Orleans' own ceiling on this machine.</summary>
[Alias("bench.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    // Open to clients as a channel app's calls are, so the external client's rows pay the same surface check.
    [ChannelSurface]
    [Alias("Ping")]
    Task PingAsync();
}
