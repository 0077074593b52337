using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.BackOffice;
using RelationshipGrains.Api.Communities;
using RelationshipGrains.Api.Console;
using RelationshipGrains.Api.Customers;
using RelationshipGrains.Api.Http;
using RelationshipGrains.Api.Ideas;
using RelationshipGrains.Api.Operations;
using RelationshipGrains.Api.Partners;

namespace RelationshipGrains.Api.Hosting;

public static class ApiEndpointExtensions
{
    /// <summary>The middleware and every route of the HTTP API; health is the only thing open without a key.</summary>
    public static WebApplication MapRelationshipGrainsApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseCustomerSelfService();
        app.UseStaffAccessLog();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", Readiness).DisableRateLimiting();

        var openApi = app.MapOpenApi("/openapi/{documentName}.json");
        if (!app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.AnonymousOpenApi)
        {
            openApi.RequireAuthorization(ApiRoles.ContractPolicy);
        }

        app.MapCustomersApi();
        app.MapCustomerSearchApi();
        app.MapPartnersApi();
        app.MapPartnerApi();
        app.MapCommunitiesApi();
        app.MapIdeasApi();
        app.MapCustomerIntelligenceApi();
        app.MapWebhooksApi();
        app.MapInboundApi();
        app.MapReportsApi();
        app.MapOperationsApi();
        app.MapWhoAmIApi();
        app.MapConsole();
        return app;
    }

    /// <summary>
    /// One line per check, so an operator sees which dependency keeps a silo out of the load balancer. What each found
    /// (silo addresses, which silos are suspected, storage names) only with an operator's key: the probe is anonymous.
    /// </summary>
    private static readonly HealthCheckOptions Readiness = new()
    {
        Predicate = c => c.Tags.Contains("ready"),
        ResponseWriter = (context, report) =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            var detailed = context.User.IsInRole(ApiRoles.Operator);
            var lines = report.Entries.Select(e => $"{e.Key}: {e.Value.Status} {(detailed ? e.Value.Description : null)}".TrimEnd());
            return context.Response.WriteAsync($"{report.Status}\n{string.Join('\n', lines)}\n");
        },
    };
}
