namespace RelationshipGrains.Silo.Hosting;

/// <summary>The configuration section <c>Silo</c>: which profile runs and on which ports.</summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    /// <summary>
    /// <c>Embedded</c> (the default): one silo, memory storage, nothing to install. <c>Production</c>: one of several
    /// silos sharing Azure Storage (tables for membership and reminders, blobs for state) and RabbitMQ.
    /// </summary>
    public string Profile { get; set; } = EmbeddedProfile.Name;

    public string ClusterId { get; set; } = "relationship-grains";

    public string ServiceId { get; set; } = "relationship-grains";

    /// <summary>
    /// The silo's name in logs, the dashboard and the operations API. Empty: the machine's name and the silo port
    /// (on Kubernetes the machine's name is the pod's).
    /// </summary>
    public string Name { get; set; } = "";

    public string DisplayName => Name is { Length: > 0 } name ? name : $"{Environment.MachineName}:{SiloPort}";

    /// <summary>Port for silo-to-silo traffic.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port the grain client (channel apps) connects to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients reach this silo on (production profile). Empty: this machine's first
    /// non-loopback IPv4 address. Ignored on Kubernetes, where the pod's IP is used.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>
    /// Listen on every interface rather than only <see cref="AdvertisedAddress"/>: for a container whose advertised
    /// address is its host's. Off by default, so a silo never opens its ports on an interface nobody chose.
    /// </summary>
    public bool ListenOnAllAddresses { get; set; }

    /// <summary>Run under Kubernetes (Microsoft.Orleans.Hosting.Kubernetes): pod IP, labels and dead-pod clean-up.</summary>
    public bool Kubernetes { get; set; }

    /// <summary>
    /// Serve the Orleans dashboard at <c>/dashboard/</c>. Its collector reads every Orleans metric each second in every
    /// silo, whether or not anyone watches: about 6% of a silo's CPU under load. Off suits a cluster watched through
    /// <c>/metrics</c> or OTLP instead.
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>How long SIGTERM waits for grains to deactivate and write their state before the process exits.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
