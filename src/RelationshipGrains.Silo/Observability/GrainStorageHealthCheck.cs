using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RelationshipGrains.Persistence.AzureStorage;
using RelationshipGrains.Silo.Hosting;

namespace RelationshipGrains.Silo.Observability;

/// <summary>Ready while the grain-state container answers (Azure Blob), or at once for memory storage.</summary>
internal sealed class GrainStorageHealthCheck(IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var section = configuration.GetSection(StorageSettings.Section);
        if (!string.Equals(section.Get<StorageSettings>()?.Provider, StorageSettings.AzureBlob, StringComparison.OrdinalIgnoreCase))
        {
            return HealthCheckResult.Healthy("Memory storage.");
        }

        var container = Container(section.GetSection(StorageSettings.AzureBlob));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await container.GetPropertiesAsync(cancellationToken: timeout.Token);
            return HealthCheckResult.Healthy($"Azure Blob container '{container.Name}' answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Azure Blob container '{container.Name}' did not answer.", e);
        }
    }

    private static BlobContainerClient Container(IConfigurationSection blob)
    {
        var name = blob["ContainerName"] ?? AzureBlobStorageOptions.DefaultContainerName;
        var options = new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
        return blob["ConnectionString"] is { Length: > 0 } connection
            ? new BlobContainerClient(connection, name, options)
            : new BlobContainerClient(new Uri(new Uri(blob["ServiceUri"]!), name), new DefaultAzureCredential(), options);
    }
}
