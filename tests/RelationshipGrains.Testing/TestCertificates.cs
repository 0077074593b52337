using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RelationshipGrains.Testing;

/// <summary>
/// A throw-away certificate authority and certificates it signed, written as PEM files the way a Kubernetes TLS secret
/// holds them (<c>*.crt</c>, <c>*.key</c>, <c>ca.crt</c>), for silos and grain clients that require mutual TLS.
/// </summary>
public sealed class TestCertificates
{
    private readonly string _directory;
    private readonly X509Certificate2 _authority;

    private TestCertificates(string directory, X509Certificate2 authority)
    {
        _directory = directory;
        _authority = authority;
        AuthorityFile = Write("ca.crt", authority.ExportCertificatePem());
    }

    public string AuthorityFile { get; }

    /// <summary>A new authority, its certificate written to <paramref name="directory"/>.</summary>
    public static TestCertificates CreateAuthority(string directory, string name = "RelationshipGrains test cluster CA")
    {
        Directory.CreateDirectory(directory);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new TestCertificates(directory, request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30)));
    }

    /// <summary>A certificate for a silo or a client (server and client use both), signed by this authority: its (certificate, key) files.</summary>
    public (string CertificateFile, string KeyFile) Issue(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, true, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(_authority, now.AddDays(-1), now.AddDays(7), serial);
        return (Write($"{name}.crt", certificate.ExportCertificatePem()), Write($"{name}.key", key.ExportPkcs8PrivateKeyPem()));
    }

    private string Write(string file, string pem)
    {
        var path = Path.Combine(_directory, file);
        File.WriteAllText(path, pem);
        return path;
    }
}
