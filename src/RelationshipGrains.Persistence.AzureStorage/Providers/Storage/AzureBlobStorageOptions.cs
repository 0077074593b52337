using Azure.Core;
using Azure.Storage.Blobs;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>Where and how grain state is kept in Azure Blob Storage. Give a connection string, or a service URI and a credential.</summary>
public sealed class AzureBlobStorageOptions
{
    public const string DefaultContainerName = "grainstate";

    /// <summary>The container that holds one blob per grain state; created at silo start if missing.</summary>
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
    /// </summary>
    public BlobClientOptions ClientOptions { get; set; } = new() { Retry = { NetworkTimeout = TimeSpan.FromSeconds(10), MaxRetries = 3 } };

    /// <summary>True (the default) deletes the blob when a grain clears its state; false writes an empty tombstone state instead.</summary>
    public bool DeleteStateOnClear { get; set; } = true;

    /// <summary>The silo lifecycle stage at which the container is created.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>The container these options name, reached as they say (also for health checks).</summary>
    public BlobContainerClient CreateContainerClient() => (ConnectionString is { Length: > 0 }
        ? new BlobServiceClient(ConnectionString, ClientOptions)
        : new BlobServiceClient(ServiceUri, Credential, ClientOptions)).GetBlobContainerClient(ContainerName);
}
