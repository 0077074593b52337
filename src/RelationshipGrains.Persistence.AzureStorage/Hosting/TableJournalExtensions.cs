using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Journaling;
using RelationshipGrains.Persistence.AzureStorage.Tables;

namespace Orleans.Hosting;

public static class TableJournalExtensions
{
    /// <summary>Every grain's journal in an Azure Table partition (Orleans Journaling's "Default" journal storage).</summary>
    public static ISiloBuilder AddTableJournalStorage(this ISiloBuilder silo, Action<TableJournalOptions> configure)
    {
        silo.AddJournalCore();
        silo.Services.AddOptions<TableJournalOptions>().Configure(configure).ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TableJournalOptions>, TableJournalOptionsValidator>());
        return silo.AddJournalStorage("Default", sp => ActivatorUtilities.CreateInstance<TableJournalStorageProvider>(sp));
    }
}
