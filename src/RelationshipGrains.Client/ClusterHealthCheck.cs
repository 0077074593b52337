using Microsoft.Extensions.Diagnostics.HealthChecks;
using RelationshipGrains.Cluster;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Client;

/// <summary>
/// Healthy when the cluster answers the channel surface's cheapest call (a stateless worker on the gateway silo)
/// within <see cref="RelationshipGrainsClientOptions.HealthCheckTimeout"/>; unhealthy, saying why, otherwise.
/// </summary>
internal sealed class ClusterHealthCheck(IClusterClient client, RelationshipGrainsClientOptions options) : IHealthCheck
{
    public const string Name = "relationship-grains";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.GetGrain<IClusterProbeGrain>(0).PingAsync().WaitAsync(options.HealthCheckTimeout, cancellationToken);
            return HealthCheckResult.Healthy($"The RelationshipGrains cluster '{options.ClusterId}' answers.");
        }
        catch (RelationshipUnavailableException e)
        {
            return HealthCheckResult.Unhealthy(e.Message, e);
        }
        catch (TimeoutException e)
        {
            return HealthCheckResult.Unhealthy(
                $"The RelationshipGrains cluster '{options.ClusterId}' did not answer within {options.HealthCheckTimeout.TotalSeconds:0.#} s.", e);
        }
        catch (InvalidOperationException e)
        {
            // The client has not connected yet, or was stopped.
            return HealthCheckResult.Unhealthy($"The RelationshipGrains client is not connected to the cluster '{options.ClusterId}': {e.Message}", e);
        }
    }
}
