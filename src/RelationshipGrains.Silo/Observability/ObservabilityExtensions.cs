using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Grains.Diagnostics;
using RelationshipGrains.Integration.Direct;
using RelationshipGrains.Silo.Hosting;

namespace RelationshipGrains.Silo.Observability;

public static class ObservabilityExtensions
{
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = ApiKeyAuthenticationHandler.BrowserPagesPath;

    /// <summary>
    /// OpenTelemetry metrics (Orleans, ASP.NET Core, HTTP clients, MassTransit, the runtime and our own meters) for a
    /// Prometheus scrape; metrics and traces over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; readiness checks
    /// for grain storage and this silo's cluster membership, beside the API's own and the bus's; a warning whenever the
    /// silo stalls for half a second or more (<see cref="StallMonitor"/>).
    /// </summary>
    public static WebApplicationBuilder AddRelationshipGrainsObservability(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("relationship-grains", serviceInstanceId: Environment.MachineName))
            .WithMetrics(m => m
                .AddMeter(GrainMetrics.MeterName, DirectDelivery.MeterName, "Microsoft.Orleans", "MassTransit")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        // Traces only when something collects them: a listener makes every request and grain call record an activity.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(t => t
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "MassTransit", DirectDelivery.ActivitySourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }

        builder.Services.AddHostedService<StallMonitor>();
        // One instance, not one per probe: it keeps its storage clients, and with them their connections and tokens.
        builder.Services.AddSingleton<GrainStorageHealthCheck>();
        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration("grain-storage", s => s.GetRequiredService<GrainStorageHealthCheck>(), null, ["ready"]))
            .AddCheck<MembershipHealthCheck>("cluster-membership", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// The Prometheus scrape and the Orleans dashboard, for operators only: a scraper sends the key as a bearer token,
    /// a browser as the password the dashboard's Basic challenge asks for.
    /// </summary>
    public static WebApplication MapRelationshipGrainsOperations(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(DashboardPath), dashboard => dashboard.Use(RefuseMalformedAddressesAsync));
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(ApiRoles.OperatorPolicy).ExcludeFromDescription();
        var dashboard = app.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>()?.Dashboard ?? true;
        if (dashboard)
        {
            app.MapOrleansDashboard(DashboardPath).RequireAuthorization(ApiRoles.OperatorPolicy).ExcludeFromDescription();
        }
        else
        {
            // The console links here: an operator who follows the link learns why there is nothing, not just a 404.
            app.Map($"{DashboardPath}/{{**rest}}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound,
                    title: "The Orleans dashboard is off", detail: "This silo runs with Silo__Dashboard=false; GET /metrics still has Orleans' metrics."))
                .RequireAuthorization(ApiRoles.OperatorPolicy).ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>The dashboard parses silo addresses out of its paths and throws on a malformed one: that is a 400, not a 500.</summary>
    private static async Task RefuseMalformedAddressesAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && (e is FormatException || e.InnerException is FormatException))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed silo address",
                detail: (e as FormatException ?? e.InnerException)!.Message).ExecuteAsync(context);
        }
    }
}
