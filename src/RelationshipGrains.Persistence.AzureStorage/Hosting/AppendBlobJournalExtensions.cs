using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Journaling;
using RelationshipGrains.Persistence.AzureStorage;

namespace Orleans.Hosting;

public static class AppendBlobJournalExtensions
{
    /// <summary>Every grain's journal on an Azure append blob (Orleans Journaling's "Default" journal storage).</summary>
    public static ISiloBuilder AddAppendBlobJournalStorage(this ISiloBuilder silo, Action<AzureJournalOptions> configure)
    {
        silo.AddJournalCore();
        silo.Services.AddOptions<AzureJournalOptions>().Configure(configure).ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureJournalOptions>, AzureJournalOptionsValidator>());
        return silo.AddJournalStorage("Default", sp => ActivatorUtilities.CreateInstance<AppendBlobJournalStorageProvider>(sp));
    }
}
