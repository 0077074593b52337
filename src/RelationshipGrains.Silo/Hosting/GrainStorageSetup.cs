using RelationshipGrains.Grains;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>Registers the grain storage the configuration selects.</summary>
internal static class GrainStorageSetup
{
    public static void AddConfiguredGrainStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var provider = StorageSettings.ProviderOf(configuration);
        if (string.Equals(provider, StorageSettings.Memory, StringComparison.OrdinalIgnoreCase))
        {
            silo.AddMemoryGrainStorage(StorageNames.Relationships);
        }
        else if (StorageSettings.IsAzureBlob(configuration))
        {
            silo.AddAzureBlobGrainStorage(StorageNames.Relationships, options => StorageSettings.BindAzureBlob(configuration, options));
        }
        else
        {
            throw new InvalidOperationException(
                $"Storage:Provider '{provider}' is not known; use {StorageSettings.Memory} or {StorageSettings.AzureBlob}.");
        }
    }
}
