using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using RelationshipGrains.Persistence.AzureStorage;
using RelationshipGrains.Persistence.AzureStorage.Tables;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// The configuration section <c>Storage</c>. <c>Provider</c> is <c>LocalFiles</c> (the default: journals and state in
/// the folder <c>Storage:Directory</c>, kept across restarts), <c>AzureBlob</c> (a cluster's: journals on append blobs
/// and, for the grains that hold much, in a table; small state through Orleans' Azure blob storage, under
/// <c>Storage:AzureBlob</c> with <c>ConnectionString</c> or
/// <c>ServiceUri</c> and <c>ContainerName</c>/<c>JournalContainerName</c>) or <c>Memory</c> (thrown away at exit).
/// </summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";
    public const string LocalFiles = "LocalFiles";
    public const string Memory = "Memory";
    public const string AzureBlob = "AzureBlob";

    public string Provider { get; set; } = LocalFiles;

    /// <summary>The data folder for <see cref="LocalFiles"/>; by default one per service id in the user's local data folder.</summary>
    public string? Directory { get; set; }

    /// <summary>The configured provider's name as given, <see cref="LocalFiles"/> when none is.</summary>
    public static string ProviderOf(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<StorageSettings>()?.Provider ?? LocalFiles;

    public static bool Is(IConfiguration configuration, string provider) =>
        string.Equals(ProviderOf(configuration), provider, StringComparison.OrdinalIgnoreCase);

    public static bool IsAzureBlob(IConfiguration configuration) => Is(configuration, AzureBlob);

    /// <summary>Where <see cref="LocalFiles"/> keeps the data of the silo with this service id.</summary>
    public static string DirectoryOf(IConfiguration configuration, string serviceId) =>
        configuration.GetSection(Section).Get<StorageSettings>()?.Directory is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
                "RelationshipGrains", serviceId);

    /// <summary>The journals' settings as configured, for the provider and for anything that checks on it.</summary>
    public static void BindAzureJournals(IConfiguration configuration, AzureJournalOptions options)
    {
        var section = configuration.GetSection(Section).GetSection(AzureBlob);
        options.ConnectionString = section["ConnectionString"];
        options.ServiceUri = section["ServiceUri"] is { Length: > 0 } uri ? new Uri(uri) : null;
        options.ContainerName = section["JournalContainerName"] ?? AzureJournalOptions.DefaultContainerName;
        options.MaxConcurrentRequests = MaxConcurrentRequestsOf(configuration);
        options.SlowRequestThreshold = section.GetValue("SlowRequestThreshold", options.SlowRequestThreshold);
        if (options.ServiceUri is not null)
        {
            options.Credential ??= new DefaultAzureCredential();
        }
    }

    /// <summary>
    /// The large grains' journals in the same account's tables: table <c>Storage:AzureBlob:JournalTableName</c> (default
    /// <c>journals</c>), reached like membership and reminders.
    /// </summary>
    public static void BindAzureTableJournals(IConfiguration configuration, TableJournalOptions options)
    {
        var section = configuration.GetSection(Section).GetSection(AzureBlob);
        options.ConnectionString = section["ConnectionString"];
        options.ServiceUri = options.ConnectionString is { Length: > 0 } ? null : TableServiceUri(configuration);
        options.TableName = section["JournalTableName"] ?? TableJournalOptions.DefaultTableName;
        options.MaxConcurrentRequests = MaxConcurrentRequestsOf(configuration);
        options.SlowRequestThreshold = section.GetValue("SlowRequestThreshold", options.SlowRequestThreshold);
        if (options.ServiceUri is not null)
        {
            options.Credential ??= new DefaultAzureCredential();
        }
    }

    /// <summary>
    /// The grain types whose journals live in tables, <c>Storage:AzureBlob:TableJournalGrainTypes</c> (comma-separated;
    /// empty for none), by default those whose state grows with use.
    /// </summary>
    public static IReadOnlyList<string> TableJournalGrainTypes(IConfiguration configuration) =>
        configuration.GetSection(Section).GetSection(AzureBlob)["TableJournalGrainTypes"] is { } configured
            ? configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : RoutedJournalStorageProvider.DefaultTableGrainTypes;

    /// <summary>Orleans' blob grain storage reaches the same account as the journals, in its own container.</summary>
    public static void BindAzureGrainState(IConfiguration configuration, Orleans.Configuration.AzureBlobStorageOptions options)
    {
        var journals = new AzureJournalOptions();
        BindAzureJournals(configuration, journals);
        options.ContainerName = configuration.GetSection(Section).GetSection(AzureBlob)["ContainerName"] ?? "grainstate";
        options.BlobServiceClient = journals.CreateServiceClient();

        // An erased customer's archive pages must be gone from storage, not overwritten with an empty state.
        options.DeleteStateOnClear = true;
    }

    /// <summary>
    /// Cluster membership and reminders live in the same account's tables: by its connection string, or with a managed
    /// identity at <c>Storage:AzureTable:ServiceUri</c> (by default the blob URI with <c>.blob.</c> read as <c>.table.</c>).
    /// A <paramref name="bounded"/> client keeps at most <c>Storage:AzureBlob:MaxConcurrentRequests</c> requests in flight.
    /// </summary>
    public static TableServiceClient CreateTableServiceClient(IConfiguration configuration, bool bounded = false)
    {
        var section = configuration.GetSection(Section);
        var options = new TableClientOptions();
        if (bounded)
        {
            RequestLimitPolicy.Bound(options, MaxConcurrentRequestsOf(configuration));
        }

        if (section.GetSection(AzureBlob)["ConnectionString"] is { Length: > 0 } connectionString)
        {
            return new TableServiceClient(connectionString, options);
        }

        return new TableServiceClient(TableServiceUri(configuration), new DefaultAzureCredential(), options);
    }

    private static Uri? TableServiceUri(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return section.GetSection("AzureTable")["ServiceUri"] is { Length: > 0 } tables
            ? new Uri(tables)
            : section.GetSection(AzureBlob)["ServiceUri"] is { Length: > 0 } blobs
                ? new Uri(blobs.Replace(".blob.", ".table.", StringComparison.OrdinalIgnoreCase))
                : null;
    }

    /// <summary>The bound on requests in flight per storage client, <c>Storage:AzureBlob:MaxConcurrentRequests</c>.</summary>
    private static int MaxConcurrentRequestsOf(IConfiguration configuration) =>
        configuration.GetSection(Section).GetSection(AzureBlob).GetValue("MaxConcurrentRequests", AzureJournalOptions.DefaultMaxConcurrentRequests);

    /// <summary>The journals' container for health checks: one quick try, no retries.</summary>
    public static BlobContainerClient ProbeJournalContainer(IConfiguration configuration)
    {
        var journals = new AzureJournalOptions();
        BindAzureJournals(configuration, journals);
        journals.ClientOptions = new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
        return journals.CreateServiceClient().GetBlobContainerClient(journals.ContainerName);
    }

    /// <summary>The large grains' journal table for health checks (one quick try), or null when no grain type keeps its journal there.</summary>
    public static TableClient? ProbeJournalTable(IConfiguration configuration)
    {
        if (TableJournalGrainTypes(configuration).Count == 0)
        {
            return null;
        }

        var tables = new TableJournalOptions();
        BindAzureTableJournals(configuration, tables);
        tables.ClientOptions = new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
        return tables.CreateServiceClient().GetTableClient(tables.TableName);
    }
}
