namespace RelationshipGrains.Cluster;

/// <summary>
/// The cheapest call a channel app can make: answered by a stateless worker on the gateway silo the client is
/// connected to, touching no storage. A health check calls it to ask whether the cluster answers at all.
/// </summary>
[Alias("rg.IClusterProbeGrain")]
public interface IClusterProbeGrain : IGrainWithIntegerKey
{
    /// <summary>Answers at once, with the cluster's clock.</summary>
    /// <returns>The time on the silo that answered.</returns>
    [Alias("Ping")]
    [ChannelSurface]
    Task<DateTimeOffset> PingAsync();
}
