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
        if (!StorageSettings.IsAzureBlob(configuration))
        {
            return HealthCheckResult.Healthy("Memory storage.");
        }

        var options = new AzureBlobStorageOptions();
        StorageSettings.BindAzureBlob(configuration, options);
        // One quick try: a probe answers for now, the provider's own retries are for grain writes.
        options.ClientOptions = new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
        var container = options.CreateContainerClient();
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
}
