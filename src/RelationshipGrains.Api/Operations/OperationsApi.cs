using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Auditing;
using RelationshipGrains.Customers;
using RelationshipGrains.Naming;
using RelationshipGrains.Reporting;

namespace RelationshipGrains.Api.Operations;

/// <summary>The cluster as operators see it: silos, their load, and activations by grain type.</summary>
public static class OperationsApi
{
    public static RouteGroupBuilder MapOperationsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/operations").WithTags("Operations (operators)").RequireAuthorization(ApiRoles.OperatorPolicy);
        api.MapGet("cluster", Cluster)
            .Describe("getCluster", "Read the cluster's state",
                "Operators only. Silos, their status and activations, grain counts by type and the business figures.");
        api.MapGet("staff-actions", StaffActions)
            .Describe("listStaffActions", "List what signed-in staff changed",
                "Operators only. The latest 10,000 changes (every request but a read) signed-in members of staff made "
                + "outside customers' routes, and their erasures of customers, newest first: who (subject and name), "
                + "what, the request and when, each change listed. A customer named in the request's route shows as "
                + "{customerId}: the log outlives erasures, and the change is in that customer's staff-access log too, as "
                + "are changes on a customer's routes; requests with API keys are machines' and are not listed.");
        return api;
    }

    private static async Task<Ok<ClusterView>> Cluster(IGrainFactory grains, TimeProvider time)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: true);
        var addresses = hosts.Select(h => h.SiloAddress).ToArray();
        // Three independent reads: asked together, the page waits for the slowest rather than the sum.
        var statisticsTask = management.GetRuntimeStatistics(addresses);
        var grainCountsTask = management.GetSimpleGrainStatistics(addresses);
        var businessTask = grains.GetGrain<IRelationshipMetricsGrain>(0).GetAsync();
        var statistics = await statisticsTask;
        var grainCounts = await grainCountsTask;
        var business = await businessTask;

        var silos = hosts.Select((h, i) => new SiloView(
            h.SiloAddress.ToParsableString(),
            h.SiloName,
            Kebab.Of(h.Status),
            h.StartTime,
            statistics[i].ActivationCount,
            statistics[i].RecentlyUsedActivationCount,
            statistics[i].ClientCount,
            statistics[i].ReceivedMessages,
            statistics[i].SentMessages,
            statistics[i].EnvironmentStatistics.FilteredCpuUsagePercentage,
            statistics[i].EnvironmentStatistics.FilteredMemoryUsageBytes)).ToList();
        var byType = grainCounts
            .GroupBy(g => ShortName(g.GrainType))
            .Select(g => new GrainTypeCount(g.Key, g.Sum(x => x.ActivationCount)))
            .Where(g => g.Activations > 0)
            .OrderByDescending(g => g.Activations).ThenBy(g => g.GrainType, StringComparer.Ordinal)
            .ToList();
        var interactions = business.InteractionsPerChannelPerDay.Sum(d => d.Count);
        return TypedResults.Ok(new ClusterView(time.GetUtcNow(), silos, byType, silos.Sum(s => s.Activations), interactions));
    }

    private static async Task<Ok<IReadOnlyList<StaffAccess>>> StaffActions(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IStaffActionLogGrain>(0).ListAsync());

    /// <summary>"Namespace.CustomerGrain,Assembly" reads as "CustomerGrain".</summary>
    private static string ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        var generic = name.IndexOf('`', StringComparison.Ordinal);
        name = generic >= 0 ? name[..generic] : name;
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
