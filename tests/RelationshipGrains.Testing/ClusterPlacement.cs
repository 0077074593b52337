using Orleans.TestingHost;

namespace RelationshipGrains.Testing;

/// <summary>Putting a grain on a chosen silo of an in-process cluster, for tests that then kill that silo.</summary>
public static class ClusterPlacement
{
    public static async Task<bool> LivesOnAsync(this InProcessTestCluster cluster, IAddressable grain, SiloAddress silo) =>
        (await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [silo])).Any(s => s.GrainId == grain.GetGrainId());

    /// <summary>Moves an active grain to <paramref name="silo"/>; asking to move it where it already lives would wait forever.</summary>
    public static async Task PlaceOnAsync(this InProcessTestCluster cluster, IAddressable grain, SiloAddress silo)
    {
        if (!await cluster.LivesOnAsync(grain, silo))
        {
            await cluster.MigrateAsync(grain, silo).WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
