using Azure.Core;
using Azure.Storage.Blobs;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>Where journals are kept in Azure Blob Storage. Give a connection string, or a service URI and a credential.</summary>
public sealed class AzureJournalOptions
{
    public const string DefaultContainerName = "journals";

    /// <summary>The container that holds each journal's append blob and snapshots; created at silo start if missing.</summary>
    public string ContainerName { get; set; } = DefaultContainerName;

    /// <summary>A storage connection string (for Azurite: <c>UseDevelopmentStorage=true</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob service endpoint, used with <see cref="Credential"/> instead of a connection string.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The credential for <see cref="ServiceUri"/> (for example a managed identity).</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>
    /// Client settings such as retries. The default gives each try 10 s (the SDK's own is 100 s): a grain waiting on a
    /// stalled request holds every call queued behind it, so a lost request should fail and be retried quickly.
    /// Retried appends are safe: each names the append position it expects, so a retry can never append twice.
    /// </summary>
    public BlobClientOptions ClientOptions { get; set; } = new() { Retry = { NetworkTimeout = TimeSpan.FromSeconds(10), MaxRetries = 3 } };

    /// <summary>
    /// How many requests one client keeps in flight to the account; the rest wait their turn in the silo, where no
    /// network timeout runs. A bound keeps a burst (a rolling restart's reactivations, a wave of first contacts) from
    /// queueing in the service until requests time out and are sent twice. 0 lifts the bound.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = DefaultMaxConcurrentRequests;

    public const int DefaultMaxConcurrentRequests = 64;

    /// <summary>
    /// A journal request's try that takes this long or longer, counting its wait for a slot under
    /// <see cref="MaxConcurrentRequests"/>, is logged as a warning; zero logs none.
    /// </summary>
    public TimeSpan SlowRequestThreshold { get; set; } = TimeSpan.FromSeconds(1);

    public BlobServiceClient CreateServiceClient()
    {
        RequestLimitPolicy.Bound(ClientOptions, MaxConcurrentRequests);
        return ConnectionString is { Length: > 0 }
            ? new BlobServiceClient(ConnectionString, ClientOptions)
            : new BlobServiceClient(ServiceUri, Credential, ClientOptions);
    }
}
