using RelationshipGrains.Benchmarks.Floor;
using RelationshipGrains.Benchmarks.Ping;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Benchmarks.Hosting;

/// <summary>
/// Benchmark grain references made as <c>CheckedGrains</c> makes ours: Orleans resolves the grain type from the
/// interface by reflection and type-name parsing on every <c>GetGrain</c> by key, which our calls skip, so a ping that
/// paid it was a slower baseline than the calls compared with it (measured: about half of a ping's allocations).
/// </summary>
public static class GrainReferences
{
    private static Types? _ping;

    public static IPingGrain Ping(this IGrainFactory grains, long key)
    {
        if (_ping is not { } types)
        {
            var first = (GrainReference)(object)grains.GetGrain<IPingGrain>(key);
            _ping = new Types(first.GrainId.Type, first.InterfaceType);
            return (IPingGrain)first;
        }

        var id = GrainId.Create(types.Grain, GrainIdKeyExtensions.CreateIntegerKey(key));
        return (IPingGrain)grains.GetGrain(id, types.Interface);
    }

    /// <summary>String keys, as the customers': the product's own code makes the reference.</summary>
    public static IJournalFloorGrain JournalFloor(this IGrainFactory grains, string key) => CheckedGrains.Reference<IJournalFloorGrain>(grains, key);

    /// <summary>A class, so that a reader never sees one half written.</summary>
    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);
}
