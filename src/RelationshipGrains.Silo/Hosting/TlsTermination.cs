using Microsoft.AspNetCore.HttpOverrides;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// Where HTTPS ends (section <c>Http</c>): <c>TlsTermination</c> is <c>Kestrel</c> (the silo serves HTTPS itself: an
/// https URL in <c>Urls</c> or <c>Kestrel:Endpoints</c>) or <c>Proxy</c> (an ingress or load balancer terminates TLS;
/// its <c>X-Forwarded-For</c>/<c>-Proto</c> are believed only from <c>TrustedProxies</c>, CIDR ranges, loopback by
/// default). The production profile refuses to start without it, since API keys must never cross a network in clear.
/// </summary>
public static class TlsTermination
{
    public const string Setting = "Http:TlsTermination";
    public const string Kestrel = "Kestrel";
    public const string Proxy = "Proxy";

    /// <summary>Why the configuration does not say where TLS ends, or null when it does.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        var mode = configuration[Setting];
        if (IsProxy(configuration))
        {
            return null;
        }

        if (!string.Equals(mode, Kestrel, StringComparison.OrdinalIgnoreCase))
        {
            return $"{StartupRefusal.Typed(Setting)} is '{mode}': say where TLS ends, {Proxy} (an ingress or load balancer) or {Kestrel} (this process, with a certificate).";
        }

        var urls = (configuration["Urls"] ?? "").Split(';').Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"] ?? ""));
        return urls.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            ? null
            : $"{StartupRefusal.Typed(Setting)} is {Kestrel} but no https address is configured (Urls or Kestrel__Endpoints__<name>__Url).";
    }

    public static void Configure(WebApplicationBuilder builder)
    {
        if (!IsProxy(builder.Configuration))
        {
            return;
        }

        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var range in builder.Configuration.GetSection("Http:TrustedProxies").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(range, out var network)
                    ? network
                    : throw new InvalidOperationException($"Http:TrustedProxies: '{range}' is not a CIDR range such as 10.0.0.0/8."));
            }
        });
    }

    /// <summary>Before anything reads the scheme or the client's address.</summary>
    public static WebApplication UseTlsTermination(this WebApplication app)
    {
        if (IsProxy(app.Configuration))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static bool IsProxy(IConfiguration configuration) =>
        string.Equals(configuration[Setting], Proxy, StringComparison.OrdinalIgnoreCase);
}
