using Azure.Identity;
using RelationshipGrains.Grains;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>Registers the grain storage the configuration selects.</summary>
internal static class GrainStorageSetup
{
    public static void AddConfiguredGrainStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageSettings.Section);
        var provider = section.Get<StorageSettings>()?.Provider ?? StorageSettings.Memory;
        if (string.Equals(provider, StorageSettings.Memory, StringComparison.OrdinalIgnoreCase))
        {
            silo.AddMemoryGrainStorage(StorageNames.Relationships);
        }
        else if (string.Equals(provider, StorageSettings.AzureBlob, StringComparison.OrdinalIgnoreCase))
        {
            var blob = section.GetSection(StorageSettings.AzureBlob);
            silo.AddAzureBlobGrainStorage(StorageNames.Relationships, options =>
            {
                blob.Bind(options);
                if (options.ServiceUri is not null && options.Credential is null)
                {
                    options.Credential = new DefaultAzureCredential();
                }
            });
        }
        else
        {
            throw new InvalidOperationException(
                $"Storage:Provider '{provider}' is not known; use {StorageSettings.Memory} or {StorageSettings.AzureBlob}.");
        }
    }
}
