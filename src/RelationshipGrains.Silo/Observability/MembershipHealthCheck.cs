using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace RelationshipGrains.Silo.Observability;

/// <summary>
/// Ready while the cluster's membership table lists this silo as active (not joining, not shutting down). The count of
/// live silos leaves out any that another silo currently suspects: a silo killed a moment ago stays "active" in the
/// table until enough votes declare it dead, and an operator reading this during that window should not count it.
/// </summary>
internal sealed class MembershipHealthCheck(
    IClusterMembershipService membership, ILocalSiloDetails silo, IServiceProvider services, IOptions<ClusterMembershipOptions> options, TimeProvider time)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"{silo.SiloAddress} is {status} in the membership table.");
        }

        var active = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToHashSet();
        var suspected = await SuspectedAsync(active);
        var live = active.Count - suspected.Count;
        var detail = suspected.Count == 0
            ? $"{silo.SiloAddress} is active, one of {live} live silo(s)."
            : $"{silo.SiloAddress} is active, one of {live} live silo(s); {string.Join(", ", suspected)} suspected of having failed.";
        return HealthCheckResult.Healthy(detail, new Dictionary<string, object> { ["liveSilos"] = live, ["suspectedSilos"] = suspected.Count });
    }

    /// <summary>Active silos with a recent suspicion vote in the membership table (the embedded silo has no table: none).</summary>
    private async Task<List<SiloAddress>> SuspectedAsync(HashSet<SiloAddress> active)
    {
        if (services.GetService<IMembershipTable>() is not { } table)
        {
            return [];
        }

        var recent = time.GetUtcNow().UtcDateTime - options.Value.DeathVoteExpirationTimeout;
        var rows = await table.ReadAllAsync();
        return [.. rows.Members
            .Select(row => row.Item1)
            .Where(entry => active.Contains(entry.SiloAddress) && entry.SuspectTimes?.Any(vote => vote.Item2 > recent) == true)
            .Select(entry => entry.SiloAddress)];
    }
}
