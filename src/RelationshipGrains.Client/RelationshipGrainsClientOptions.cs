namespace RelationshipGrains.Client;

/// <summary>The configuration section <c>RelationshipGrains:Client</c>: where the silo gateways are.</summary>
public sealed class RelationshipGrainsClientOptions
{
    public const string Section = "RelationshipGrains:Client";

    /// <summary>Gateway endpoints as <c>host:port</c>; the default is the embedded silo on this machine.</summary>
    public List<string> Gateways { get; set; } = ["127.0.0.1:30000"];

    public string ClusterId { get; set; } = "relationship-grains";

    public string ServiceId { get; set; } = "relationship-grains";
}
