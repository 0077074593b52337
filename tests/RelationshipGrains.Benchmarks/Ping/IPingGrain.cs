namespace RelationshipGrains.Benchmarks.Ping;

/// <summary>The cheapest possible grain call: Orleans' own ceiling on this machine.</summary>
[Alias("bench.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task PingAsync();
}
