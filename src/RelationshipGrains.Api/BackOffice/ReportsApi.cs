using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Reporting;

namespace RelationshipGrains.Api.BackOffice;

/// <summary>The BI read model for operators and BI tools.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/reports").WithTags("Reports (operators)").RequireAuthorization(ApiRoles.OperatorPolicy);
        api.MapGet("relationships", Relationships)
            .Describe("getRelationshipReport", "Read the BI report",
                "Operators only. Interactions per channel per day, open intents, the idea funnel and value chains by "
                + "status, each event counted once.");
        return api;
    }

    private static async Task<Ok<RelationshipMetrics>> Relationships(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IRelationshipMetricsGrain>(0).GetAsync());
}
