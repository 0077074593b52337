using Microsoft.Extensions.Configuration;
using RelationshipGrains.Client.Security;

namespace RelationshipGrains.Client;

/// <summary>The configuration section <c>RelationshipGrains:Client</c>: where the silo gateways are.</summary>
public sealed class RelationshipGrainsClientOptions
{
    /// <summary>The configuration section these settings are read from.</summary>
    public const string Section = "RelationshipGrains:Client";

    /// <summary>The embedded silo's gateway on this machine, used when no gateway is configured.</summary>
    public const string DefaultGateway = "127.0.0.1:30000";

    /// <summary>
    /// The cluster's Azure Storage account (the silos' <c>Storage:AzureBlob:ConnectionString</c>): the client learns
    /// the live gateways from the membership table there, so silos can come and go. Takes precedence over
    /// <see cref="Gateways"/>; needs the package RelationshipGrains.Client.Cluster.
    /// </summary>
    public string? ClusteringConnectionString { get; set; }

    /// <summary>The membership table's name, when the silos were given another than Orleans' default.</summary>
    public string? ClusteringTableName { get; set; }

    /// <summary>
    /// This client's certificate and the cluster's authority; required by a production cluster's gateways, and applied
    /// by the package RelationshipGrains.Client.Cluster.
    /// </summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>Gateway endpoints as <c>host:port</c>; empty means <see cref="DefaultGateway"/>.</summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>
    /// How long starting the client keeps trying to reach the cluster before it fails with one plain error (Orleans on
    /// its own keeps trying for about three minutes).
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the health check waits for the cluster's answer before it reports the cluster unhealthy.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The silos' <c>Silo:ClusterId</c>; a client with another id is turned away by the gateways.</summary>
    public string ClusterId { get; set; } = "relationship-grains";

    /// <summary>The silos' <c>Silo:ServiceId</c>.</summary>
    public string ServiceId { get; set; } = "relationship-grains";

    internal static RelationshipGrainsClientOptions Read(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<RelationshipGrainsClientOptions>() ?? new RelationshipGrainsClientOptions();
}
