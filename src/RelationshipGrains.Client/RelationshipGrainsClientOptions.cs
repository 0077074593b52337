namespace RelationshipGrains.Client;

/// <summary>The configuration section <c>RelationshipGrains:Client</c>: where the silo gateways are.</summary>
public sealed class RelationshipGrainsClientOptions
{
    public const string Section = "RelationshipGrains:Client";

    /// <summary>The embedded silo's gateway on this machine, used when no gateway is configured.</summary>
    public const string DefaultGateway = "127.0.0.1:30000";

    /// <summary>Gateway endpoints as <c>host:port</c>; empty means <see cref="DefaultGateway"/>.</summary>
    public List<string> Gateways { get; set; } = [];

    public string ClusterId { get; set; } = "relationship-grains";

    public string ServiceId { get; set; } = "relationship-grains";
}
