using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Hosting;

public static class OrleansBlobGrainStorageExtensions
{
    /// <summary>
    /// Orleans' own Azure blob grain storage, writing state with the Orleans serializer: its default, Newtonsoft JSON,
    /// cannot read back our immutable records (a partner read after its first write failed with a
    /// JsonSerializationException), while every state type already carries [GenerateSerializer] and stable [Id]s.
    /// </summary>
    public static ISiloBuilder AddOrleansSerializedBlobGrainStorage(this ISiloBuilder silo, string name, Action<AzureBlobStorageOptions> configure) =>
        silo.AddAzureBlobGrainStorage(name, (OptionsBuilder<AzureBlobStorageOptions> options) => options.Configure<Serializer>((o, serializer) =>
        {
            configure(o);
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
}
