using Microsoft.Extensions.Diagnostics.HealthChecks;
using RelationshipGrains.Silo.Hosting;

namespace RelationshipGrains.Silo.Observability;

/// <summary>Ready while the storage account answers (Azure Blob), or at once for local files and memory.</summary>
internal sealed class GrainStorageHealthCheck(IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!StorageSettings.IsAzureBlob(configuration))
        {
            return HealthCheckResult.Healthy($"{StorageSettings.ProviderOf(configuration)} storage.");
        }

        // One quick try: a probe answers for now, the providers' own retries are for grain writes.
        var container = StorageSettings.ProbeJournalContainer(configuration);
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
