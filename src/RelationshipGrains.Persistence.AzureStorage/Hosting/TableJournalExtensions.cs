using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Journaling;
using RelationshipGrains.Persistence.AzureStorage;
using RelationshipGrains.Persistence.AzureStorage.Tables;

namespace Orleans.Hosting;

public static class TableJournalExtensions
{
    /// <summary>Every grain's journal in an Azure Table partition (Orleans Journaling's "Default" journal storage).</summary>
    public static ISiloBuilder AddTableJournalStorage(this ISiloBuilder silo, Action<TableJournalOptions> configure)
    {
        AddTableOptions(silo, configure);
        return silo.AddJournalStorage("Default", sp => ActivatorUtilities.CreateInstance<TableJournalStorageProvider>(sp));
    }

    /// <summary>
    /// The journals of <paramref name="tableGrainTypes"/> (by default <see cref="RoutedJournalStorageProvider.DefaultTableGrainTypes"/>)
    /// in Azure Table partitions, every other grain's on an append blob.
    /// </summary>
    public static ISiloBuilder AddAzureJournalStorage(
        this ISiloBuilder silo, Action<AzureJournalOptions> blobs, Action<TableJournalOptions> tables, IEnumerable<string>? tableGrainTypes = null)
    {
        AddTableOptions(silo, tables);
        silo.Services.AddOptions<AzureJournalOptions>().Configure(blobs).ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureJournalOptions>, AzureJournalOptionsValidator>());
        var types = (tableGrainTypes ?? RoutedJournalStorageProvider.DefaultTableGrainTypes).ToList();
        return silo.AddJournalStorage("Default", sp => new RoutedJournalStorageProvider(
            ActivatorUtilities.CreateInstance<AppendBlobJournalStorageProvider>(sp),
            ActivatorUtilities.CreateInstance<TableJournalStorageProvider>(sp),
            types));
    }

    private static void AddTableOptions(ISiloBuilder silo, Action<TableJournalOptions> configure)
    {
        silo.AddJournalCore();
        silo.Services.AddOptions<TableJournalOptions>().Configure(configure).ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TableJournalOptions>, TableJournalOptionsValidator>());
    }
}
