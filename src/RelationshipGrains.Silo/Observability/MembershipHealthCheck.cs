using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RelationshipGrains.Silo.Observability;

/// <summary>Ready while the cluster's membership table lists this silo as active (not joining, not shutting down).</summary>
internal sealed class MembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"{silo.SiloAddress} is active, one of {active} active silo(s).")
            : HealthCheckResult.Unhealthy($"{silo.SiloAddress} is {status} in the membership table."));
    }
}
