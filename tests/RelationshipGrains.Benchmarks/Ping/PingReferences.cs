namespace RelationshipGrains.Benchmarks.Ping;

/// <summary>
/// Ping grain references made as <c>CheckedGrains</c> makes ours: Orleans resolves the grain type from the interface
/// by reflection and type-name parsing on every <c>GetGrain</c> by key, which our calls skip, so a ping that paid it
/// was a slower baseline than the calls compared with it (measured: about half of a ping's allocations).
/// </summary>
public static class PingReferences
{
    private static Types? _types;

    public static IPingGrain Ping(this IGrainFactory grains, long key)
    {
        if (_types is not { } types)
        {
            var first = (GrainReference)(object)grains.GetGrain<IPingGrain>(key);
            _types = new Types(first.GrainId.Type, first.InterfaceType);
            return (IPingGrain)first;
        }

        var id = GrainId.Create(types.Grain, GrainIdKeyExtensions.CreateIntegerKey(key));
        return (IPingGrain)grains.GetGrain(id, types.Interface);
    }

    /// <summary>A class, so that a reader never sees one half written.</summary>
    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);
}
