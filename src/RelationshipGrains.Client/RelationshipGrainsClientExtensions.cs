using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace RelationshipGrains.Client;

/// <summary>Registers the RelationshipGrains grain client on a host.</summary>
public static class RelationshipGrainsClientExtensions
{
    /// <summary>
    /// Connects the host's Orleans client to the RelationshipGrains cluster named in the host's configuration section
    /// <c>RelationshipGrains:Client</c> and registers <see cref="IRelationshipGrains"/>, <see cref="IClusterClient"/>
    /// and a health check named <c>relationship-grains</c> (tagged <c>ready</c>) that asks the cluster to answer.
    /// </summary>
    /// <param name="builder">The channel app's host builder.</param>
    /// <param name="configureOrleans">
    /// Runs last on Orleans' own client builder, for what these settings do not cover; for a production cluster,
    /// <c>orleans => orleans.UseRelationshipGrainsCluster()</c> from the package RelationshipGrains.Client.Cluster.
    /// </param>
    /// <exception cref="InvalidOperationException">
    /// A setting is malformed (the message names it), or TLS or the membership table is configured without
    /// RelationshipGrains.Client.Cluster's <c>UseRelationshipGrainsCluster</c>.
    /// </exception>
    public static IHostApplicationBuilder AddRelationshipGrainsClient(this IHostApplicationBuilder builder, Action<IClientBuilder>? configureOrleans = null)
    {
        builder.Services.AddRelationshipGrainsClient(builder.Configuration, configureOrleans);
        return builder;
    }

    /// <summary>
    /// Connects an Orleans client to the RelationshipGrains cluster named in <c>RelationshipGrains:Client</c>
    /// and registers <see cref="IRelationshipGrains"/>, <see cref="IClusterClient"/> and the <c>relationship-grains</c>
    /// health check.
    /// </summary>
    /// <remarks>
    /// Orleans' client warns of every failed connection attempt while a cluster is away; those categories are filtered
    /// to errors, and the client logs the outage once when it begins and once when it ends instead.
    /// </remarks>
    /// <param name="services">The channel app's services.</param>
    /// <param name="configuration">Configuration holding the <c>RelationshipGrains:Client</c> section.</param>
    /// <param name="configureOrleans">
    /// Runs last on Orleans' own client builder, for what these settings do not cover; for a production cluster,
    /// <c>orleans => orleans.UseRelationshipGrainsCluster()</c> from the package RelationshipGrains.Client.Cluster.
    /// </param>
    /// <exception cref="InvalidOperationException">
    /// A setting is malformed (the message names it), or TLS or the membership table is configured without
    /// RelationshipGrains.Client.Cluster's <c>UseRelationshipGrainsCluster</c>.
    /// </exception>
    public static IServiceCollection AddRelationshipGrainsClient(this IServiceCollection services, IConfiguration configuration,
        Action<IClientBuilder>? configureOrleans = null)
    {
        var options = RelationshipGrainsClientOptions.Read(configuration);

        services.AddOrleansClient(configuration, client =>
        {
            client.Configure<ClusterOptions>(c =>
            {
                c.ClusterId = options.ClusterId;
                c.ServiceId = options.ServiceId;
            });
            if (options.ConnectTimeout <= TimeSpan.Zero || options.HealthCheckTimeout <= TimeSpan.Zero)
            {
                throw new InvalidOperationException(
                    $"{RelationshipGrainsClientOptions.Section}:ConnectTimeout and :HealthCheckTimeout must be more than zero.");
            }

            var calls = new CallsInFlight();
            client.AddOutgoingGrainCallFilter(new OutageTranslation(options, calls));
            var clustering = !string.IsNullOrWhiteSpace(options.ClusteringConnectionString);
            var where = clustering ? "the gateways listed in the cluster's membership table" : string.Join(", ", Gateways(options));
            var gateways = clustering ? [] : Gateways(options).Select((g, i) => ParseGateway(g, $"{RelationshipGrainsClientOptions.Section}:Gateways:{i}")).ToArray();
            client.UseConnectionRetryFilter(new ConnectDeadline(options, where, gateways, TimeProvider.System));
            client.Services.AddSingleton<IClusterConnectionStatusObserver>(sp =>
                new ClusterConnectionLog(options, where, calls, sp.GetRequiredService<ILogger<ClusterConnectionLog>>(), sp.GetService<IHostApplicationLifetime>()));
            if (!clustering)
            {
                client.UseStaticClustering(gateways);
            }

            configureOrleans?.Invoke(client);
            if ((clustering || options.Tls.IsConfigured) && !client.Services.Any(d => d.ServiceType == typeof(ClusterConnectionApplied)))
            {
                var setting = clustering ? "ClusteringConnectionString" : "Tls";
                throw new InvalidOperationException(
                    $"{RelationshipGrainsClientOptions.Section}:{setting} is set, but a production cluster (mutual TLS, gateways from its " +
                    "membership table) is reached through the package RelationshipGrains.Client.Cluster: add it and pass " +
                    "orleans => orleans.UseRelationshipGrainsCluster() to AddRelationshipGrainsClient.");
            }
        });
        services.AddLogging(logging =>
        {
            // Registered after the host's configuration, so these win over a configured rule for the same category.
            foreach (var category in ClusterConnectionLog.ChattyCategories)
            {
                logging.AddFilter(category, LogLevel.Error);
            }
        });
        services.AddSingleton<IRelationshipGrains, RelationshipGrainsAccessor>();
        services.AddHealthChecks().Add(new HealthCheckRegistration(ClusterHealthCheck.Name,
            sp => new ClusterHealthCheck(sp.GetRequiredService<IClusterClient>(), options), HealthStatus.Unhealthy, ["ready"]));
        return services;
    }

    private static List<string> Gateways(RelationshipGrainsClientOptions options) =>
        options.Gateways.Count > 0 ? options.Gateways : [RelationshipGrainsClientOptions.DefaultGateway];

    private static IPEndPoint ParseGateway(string value, string setting)
    {
        if (IPEndPoint.TryParse(value, out var endpoint) && endpoint.Port != 0)
        {
            return endpoint;
        }

        var colon = value.LastIndexOf(':');
        if (colon > 0 && int.TryParse(value[(colon + 1)..], out var port) && port is > 0 and < 65536)
        {
            var address = Dns.GetHostAddresses(value[..colon]).FirstOrDefault()
                ?? throw new InvalidOperationException($"{setting}: host '{value[..colon]}' has no address.");
            return new IPEndPoint(address, port);
        }

        throw new InvalidOperationException($"{setting} must be host:port (for example 127.0.0.1:30000), not '{value}'.");
    }
}
