using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace RelationshipGrains.Client.Security;

/// <summary>Loads the cluster's certificates and sets Orleans' TLS to trust only peers signed by the cluster's authority.</summary>
public static class ClusterCertificates
{
    /// <summary>Every problem with <paramref name="options"/>, each naming the setting under <paramref name="section"/> (as an environment variable).</summary>
    /// <param name="options">The TLS settings to check, files included.</param>
    /// <param name="section">The configuration section they came from, such as <c>RelationshipGrains:Client:Tls</c>.</param>
    public static List<string> Problems(ClusterTlsOptions options, string section)
    {
        var problems = new List<string>();
        var at = section.Replace(":", "__", StringComparison.Ordinal);
        Check(options.CertificateFile, $"{at}__CertificateFile", "this party's certificate (PEM)");
        Check(options.CaFile, $"{at}__CaFile", "the certificate of the authority that signs the cluster's certificates (PEM)");
        if (!string.IsNullOrWhiteSpace(options.KeyFile) && !File.Exists(options.KeyFile))
        {
            problems.Add($"{at}__KeyFile: no file at '{options.KeyFile}'.");
        }

        if (problems.Count == 0)
        {
            // Each file on its own, so the message names the one at fault: the certificate with its key, then the authority.
            var pair = string.IsNullOrWhiteSpace(options.KeyFile) ? $"{at}__CertificateFile (holding its key too, as no {at}__KeyFile is set)"
                : $"{at}__CertificateFile with {at}__KeyFile";
            Read(() => LoadCertificate(options), $"{pair}: not a PEM certificate with its private key");
            Read(() => LoadAuthority(options), $"{at}__CaFile '{options.CaFile}': not a PEM certificate");
        }

        return problems;

        void Read(Func<X509Certificate2> load, string problem)
        {
            try
            {
                using var certificate = load();
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                problems.Add($"{problem} ({e.Message.TrimEnd('.')}).");
            }
        }

        void Check(string? path, string setting, string what)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                problems.Add($"{setting} is missing: {what}.");
            }
            else if (!File.Exists(path))
            {
                problems.Add($"{setting}: no file at '{path}'.");
            }
        }
    }

    /// <summary>The certificate with its private key, re-imported as PKCS#12 so TLS can use the key on every platform.</summary>
    /// <param name="options">Settings naming the certificate's PEM file and, unless that file holds it, the key's.</param>
    public static X509Certificate2 LoadCertificate(ClusterTlsOptions options) => LoadCertificate(options.CertificateFile!, options.KeyFile);

    /// <summary>A PEM certificate with its private key, re-imported as PKCS#12 so the key is usable on every platform.</summary>
    /// <param name="certificateFile">The certificate's PEM file.</param>
    /// <param name="keyFile">The key's PEM file, or null or empty when the certificate's file holds it.</param>
    public static X509Certificate2 LoadCertificate(string certificateFile, string? keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificateFile, string.IsNullOrWhiteSpace(keyFile) ? null : keyFile);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The cluster's authority, the one certificate every peer's must chain to.</summary>
    /// <param name="options">Settings naming the authority's PEM file.</param>
    public static X509Certificate2 LoadAuthority(ClusterTlsOptions options) => X509CertificateLoader.LoadCertificateFromFile(options.CaFile!);

    /// <summary>Both directions present a certificate, and the other side's must chain to <paramref name="authority"/> alone.</summary>
    /// <param name="tls">Orleans' TLS options for this silo or client.</param>
    /// <param name="authority">The cluster's authority.</param>
    public static void RequireMutualTls(TlsOptions tls, X509Certificate2 authority)
    {
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = (certificate, _, _) => ChainsTo(certificate, authority);
    }

    /// <summary>
    /// Judged against the cluster's authority only, not the machine's store: a certificate from any public CA is a
    /// stranger here. Host names are not checked, since silos are reached by IP address.
    /// </summary>
    /// <param name="certificate">The peer's certificate.</param>
    /// <param name="authority">The cluster's authority.</param>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate) && chain.ChainElements[^1].Certificate.Thumbprint == authority.Thumbprint;
    }
}
