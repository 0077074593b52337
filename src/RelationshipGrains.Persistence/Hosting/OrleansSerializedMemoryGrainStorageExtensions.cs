using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Hosting;

public static class OrleansSerializedMemoryGrainStorageExtensions
{
    /// <summary>
    /// Orleans' memory grain storage, writing state with the Orleans serializer as the Azure profile does. Its default,
    /// Newtonsoft JSON, cannot read back our immutable records: a partner or an archive page read after its grain left
    /// memory failed with a JsonSerializationException.
    /// </summary>
    public static ISiloBuilder AddOrleansSerializedMemoryGrainStorage(this ISiloBuilder silo, string name) =>
        silo.AddMemoryGrainStorage(name, (OptionsBuilder<MemoryGrainStorageOptions> options) =>
            options.Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
}
