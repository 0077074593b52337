using Azure.Core;
using Azure.Data.Tables;

namespace RelationshipGrains.Persistence.AzureStorage.Tables;

/// <summary>Where journals are kept in Azure Table Storage. Give a connection string, or a service URI and a credential.</summary>
public sealed class TableJournalOptions
{
    public const string DefaultTableName = "journals";

    /// <summary>The table holding one partition per journal; created at silo start if missing.</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>A storage connection string (for Azurite: <c>UseDevelopmentStorage=true</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table service endpoint, used with <see cref="Credential"/> instead of a connection string.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The credential for <see cref="ServiceUri"/> (for example a managed identity).</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>
    /// Client settings such as retries; as for append blobs, each try gets 10 s rather than the SDK's 100 s. Retried
    /// transactions are safe: each is conditional on the head row's ETag, so a retry can never land twice.
    /// </summary>
    public TableClientOptions ClientOptions { get; set; } = new() { Retry = { NetworkTimeout = TimeSpan.FromSeconds(10), MaxRetries = 3 } };

    /// <summary>How many requests one client keeps in flight to the account (see <see cref="AzureJournalOptions.MaxConcurrentRequests"/>); 0 lifts the bound.</summary>
    public int MaxConcurrentRequests { get; set; } = AzureJournalOptions.DefaultMaxConcurrentRequests;

    /// <summary>A journal request's try that takes this long or longer is logged as a warning; zero logs none.</summary>
    public TimeSpan SlowRequestThreshold { get; set; } = TimeSpan.FromSeconds(1);

    public TableServiceClient CreateServiceClient()
    {
        RequestLimitPolicy.Bound(ClientOptions, MaxConcurrentRequests);
        return ConnectionString is { Length: > 0 }
            ? new TableServiceClient(ConnectionString, ClientOptions)
            : new TableServiceClient(ServiceUri, Credential, ClientOptions);
    }
}
