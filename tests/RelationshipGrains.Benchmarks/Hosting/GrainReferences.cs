using RelationshipGrains.Benchmarks.Floor;
using RelationshipGrains.Benchmarks.Ping;

namespace RelationshipGrains.Benchmarks.Hosting;

/// <summary>
/// Benchmark grain references made as <c>CheckedGrains</c> makes ours: Orleans resolves the grain type from the
/// interface by reflection and type-name parsing on every <c>GetGrain</c> by key, which our calls skip, so a ping that
/// paid it was a slower baseline than the calls compared with it (measured: about half of a ping's allocations).
/// </summary>
public static class GrainReferences
{
    public static IPingGrain Ping(this IGrainFactory grains, long key) =>
        Reference(grains, GrainIdKeyExtensions.CreateIntegerKey(key), g => g.GetGrain<IPingGrain>(key));

    public static IJournalFloorGrain JournalFloor(this IGrainFactory grains, string key) =>
        Reference(grains, IdSpan.Create(key), g => g.GetGrain<IJournalFloorGrain>(key));

    private static TGrain Reference<TGrain>(IGrainFactory grains, IdSpan key, Func<IGrainFactory, TGrain> first) where TGrain : IGrain
    {
        if (Kind<TGrain>.Types is not { } types)
        {
            var reference = (GrainReference)(object)first(grains);
            Kind<TGrain>.Types = new Types(reference.GrainId.Type, reference.InterfaceType);
            return (TGrain)(object)reference;
        }

        return (TGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    /// <summary>A class, so that a reader never sees one half written.</summary>
    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);

    private static class Kind<TGrain>
    {
        public static Types? Types;
    }
}
