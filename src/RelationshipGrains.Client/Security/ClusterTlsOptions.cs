namespace RelationshipGrains.Client.Security;

/// <summary>
/// Mutual TLS on the cluster's own ports (silo to silo, client to gateway): this party's certificate and key as PEM
/// files (a Kubernetes TLS secret's <c>tls.crt</c>/<c>tls.key</c>) and the certificate of the authority that signs
/// every silo's and every client's certificate (<c>ca.crt</c>). Nothing else is trusted.
/// </summary>
public sealed class ClusterTlsOptions
{
    public string? CertificateFile { get; set; }

    /// <summary>The private key; may be left out when <see cref="CertificateFile"/> holds it too.</summary>
    public string? KeyFile { get; set; }

    public string? CaFile { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(CaFile);
}
