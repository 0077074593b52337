using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RelationshipGrains.Api.Health;

/// <summary>Ready when the cluster answers and has at least one active silo.</summary>
public sealed class OrleansReadinessCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy("The cluster answers grain calls.")
                : HealthCheckResult.Unhealthy("No active silo in the cluster.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster did not answer.", e);
        }
    }
}
