namespace RelationshipGrains.Silo.Hosting;

/// <summary>The configuration section <c>Silo</c>: which profile runs and on which ports.</summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    /// <summary><c>Embedded</c> (the default): one silo, memory storage, nothing to install.</summary>
    public string Profile { get; set; } = EmbeddedProfile.Name;

    public string ClusterId { get; set; } = "relationship-grains";

    public string ServiceId { get; set; } = "relationship-grains";

    /// <summary>Port for silo-to-silo traffic.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port the grain client (channel apps) connects to.</summary>
    public int GatewayPort { get; set; } = 30000;
}
