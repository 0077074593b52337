namespace RelationshipGrains.Client.Security;

/// <summary>
/// Mutual TLS on the cluster's own ports (silo to silo, client to gateway): this party's certificate and key as PEM
/// files (a Kubernetes TLS secret's <c>tls.crt</c>/<c>tls.key</c>) and the certificate of the authority that signs
/// every silo's and every client's certificate (<c>ca.crt</c>). Nothing else is trusted.
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>This party's certificate, as a PEM file.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The private key; may be left out when <see cref="CertificateFile"/> holds it too.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The certificate of the authority that signs every silo's and client's certificate, as a PEM file.</summary>
    public string? CaFile { get; set; }

    /// <summary>Whether mutual TLS is asked for (a certificate or an authority is set).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(CaFile);
}
