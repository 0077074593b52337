using RelationshipGrains.Client.Security;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// Mutual TLS on a production silo's own ports (section <c>Silo:Tls</c>): other silos and grain clients must present a
/// certificate signed by the cluster's authority, and this silo presents its own. One rule covers the silo port and
/// the gateway; the embedded silo listens on loopback only and needs none.
/// </summary>
public static class ClusterTls
{
    public const string Section = "Silo:Tls";

    public static ClusterTlsOptions Options(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();

    public static List<string> Problems(IConfiguration configuration) => ClusterCertificates.Problems(Options(configuration), Section);

    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        var options = Options(configuration);
        var authority = ClusterCertificates.LoadAuthority(options);
        silo.UseTls(ClusterCertificates.LoadCertificate(options), tls => ClusterCertificates.RequireMutualTls(tls, authority));
    }
}
