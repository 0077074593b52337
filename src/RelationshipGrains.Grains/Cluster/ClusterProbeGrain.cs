using Orleans.Concurrency;
using RelationshipGrains.Cluster;

namespace RelationshipGrains.Grains.Cluster;

/// <summary>A stateless worker, so the probe is answered on the silo that received it and never waits behind a grain.</summary>
[StatelessWorker]
public sealed class ClusterProbeGrain(TimeProvider time) : Grain, IClusterProbeGrain
{
    public Task<DateTimeOffset> PingAsync() => Task.FromResult(time.GetUtcNow());
}
