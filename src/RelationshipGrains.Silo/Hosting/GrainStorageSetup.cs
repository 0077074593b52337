using RelationshipGrains.Grains;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>Registers the journal storage and the grain storage the configuration selects.</summary>
internal static class GrainStorageSetup
{
    public static void AddConfiguredGrainStorage(this ISiloBuilder silo, IConfiguration configuration, SiloOptions options)
    {
        silo.Services.Configure<Persistence.Journals.CompactionPolicy>(configuration.GetSection("Storage:Compaction"));
        if (StorageSettings.Is(configuration, StorageSettings.Memory))
        {
            silo.AddOrleansSerializedMemoryGrainStorage(StorageNames.Relationships);
            silo.AddMemoryJournalStorage();
        }
        else if (StorageSettings.Is(configuration, StorageSettings.LocalFiles))
        {
            var directory = StorageSettings.DirectoryOf(configuration, options.ServiceId);
            silo.AddLocalFileStorage(StorageNames.Relationships, o =>
            {
                o.Directory = directory;
                o.FlushToDisk = configuration.GetValue("Storage:FlushToDisk", true);
            });
        }
        else if (StorageSettings.IsAzureBlob(configuration))
        {
            silo.AddOrleansSerializedBlobGrainStorage(StorageNames.Relationships, o => StorageSettings.BindAzureGrainState(configuration, o));
            silo.AddAzureJournalStorage(
                o => StorageSettings.BindAzureJournals(configuration, o),
                o => StorageSettings.BindAzureTableJournals(configuration, o),
                StorageSettings.TableJournalGrainTypes(configuration));
        }
        else
        {
            throw new StartupRefusal([$"Storage__Provider '{StorageSettings.ProviderOf(configuration)}' is not known; use {StorageSettings.LocalFiles}, {StorageSettings.Memory} or {StorageSettings.AzureBlob}."]);
        }
    }
}
