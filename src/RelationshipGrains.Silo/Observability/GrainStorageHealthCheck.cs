using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RelationshipGrains.Persistence.Files;
using RelationshipGrains.Silo.Hosting;

namespace RelationshipGrains.Silo.Observability;

/// <summary>
/// Ready while the storage account answers (the journals' blob container and table); for local files, until a flush
/// to disk fails (after which the silo acknowledges no write until it restarts); at once for memory.
/// </summary>
/// <remarks>
/// A singleton that makes its clients once: made per probe, each probe opened new connections and, signed in as the
/// machine's identity, asked for a new token.
/// </remarks>
internal sealed class GrainStorageHealthCheck(IConfiguration configuration, GroupCommit? commit = null) : IHealthCheck
{
    // Made again after a failure rather than failing every later probe the same way.
    private readonly Lazy<(BlobContainerClient Container, TableClient? Table)> _probes = new(() =>
        (StorageSettings.ProbeJournalContainer(configuration), StorageSettings.ProbeJournalTable(configuration)), LazyThreadSafetyMode.PublicationOnly);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (commit?.Failure is { } failure)
        {
            return HealthCheckResult.Unhealthy("Flushing the data folder to disk failed; the silo acknowledges no more writes. Restart it once the disk is sound.", failure);
        }

        if (!StorageSettings.IsAzureBlob(configuration))
        {
            return HealthCheckResult.Healthy($"{StorageSettings.ProviderOf(configuration)} storage.");
        }

        // One quick try each: a probe answers for now, the providers' own retries are for grain writes.
        var (container, table) = _probes.Value;
        var what = table is null ? $"Azure Blob container '{container.Name}'" : $"Azure Blob container '{container.Name}' and table '{table.Name}'";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await container.GetPropertiesAsync(cancellationToken: timeout.Token);
            if (table is not null)
            {
                // The first page of a query for a partition no journal uses: one request, which fails if the table is missing.
                await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"~probe"}"), maxPerPage: 1, cancellationToken: timeout.Token).AsPages())
                {
                    break;
                }
            }

            return HealthCheckResult.Healthy($"{what} answer.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{what}: not every one answered.", e);
        }
    }
}
