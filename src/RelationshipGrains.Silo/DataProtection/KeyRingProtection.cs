using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using RelationshipGrains.Client.Security;

namespace RelationshipGrains.Silo.DataProtection;

/// <summary>
/// Encrypts the key ring at rest with an RSA certificate (<c>DataProtection:CertificateFile</c>, <c>:KeyFile</c>), so
/// that whoever can read the storage account cannot forge sign-in cookies with its keys. Keys written under an earlier
/// certificate stay readable while that certificate is listed in <c>DataProtection:PreviousCertificateFiles</c>.
/// Without a certificate the keys are kept unencrypted and Data Protection says so once for each key it makes.
/// </summary>
public sealed class KeyRingProtection
{
    public const string Section = "DataProtection";

    /// <summary>The certificate (PEM) whose RSA key encrypts new keys.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>Its private key (PEM); may be left out when <see cref="CertificateFile"/> holds it too.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Earlier certificates, each a PEM file holding the certificate and its key, still able to decrypt old keys.</summary>
    public List<string> PreviousCertificateFiles { get; set; } = [];

    public static KeyRingProtection Read(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<KeyRingProtection>() ?? new KeyRingProtection();

    /// <summary>Each unreadable file, named as typed.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var settings = Read(configuration);
        if (string.IsNullOrWhiteSpace(settings.CertificateFile))
        {
            if (!string.IsNullOrWhiteSpace(settings.KeyFile) || settings.PreviousCertificateFiles.Count > 0)
            {
                yield return $"{Section}__CertificateFile is missing: the certificate that encrypts the key ring (PEM).";
            }

            yield break;
        }

        var pair = string.IsNullOrWhiteSpace(settings.KeyFile) ? $"{Section}__CertificateFile" : $"{Section}__CertificateFile with {Section}__KeyFile";
        if (Unreadable(() => Load(settings.CertificateFile, settings.KeyFile)) is { } problem)
        {
            yield return $"{pair}: {problem}";
        }

        for (var i = 0; i < settings.PreviousCertificateFiles.Count; i++)
        {
            if (Unreadable(() => Load(settings.PreviousCertificateFiles[i], null)) is { } previous)
            {
                yield return $"{Section}__PreviousCertificateFiles__{i}: {previous}";
            }
        }
    }

    /// <summary>Sets Data Protection to encrypt new keys with the certificate and to decrypt with it or an earlier one.</summary>
    public void Apply(IDataProtectionBuilder dataProtection)
    {
        if (string.IsNullOrWhiteSpace(CertificateFile))
        {
            return;
        }

        var current = Load(CertificateFile, KeyFile);
        dataProtection.ProtectKeysWithCertificate(current);

        // Decryption looks in the machine's certificate store unless given the certificates: ours come from files.
        dataProtection.UnprotectKeysWithAnyCertificate([current, .. PreviousCertificateFiles.Select(f => Load(f, null))]);
    }

    private static X509Certificate2 Load(string path, string? keyPath)
    {
        foreach (var file in (string?[])[path, keyPath])
        {
            if (!string.IsNullOrWhiteSpace(file) && !File.Exists(file))
            {
                throw new FileNotFoundException($"no file at '{file}'.");
            }
        }

        var certificate = ClusterCertificates.LoadCertificate(path, keyPath);
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException("the certificate's key is not RSA; XML encryption of the key ring needs an RSA key.");
        }

        return certificate;
    }

    private static string? Unreadable(Func<X509Certificate2> load)
    {
        try
        {
            using var certificate = load();
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException)
        {
            return e.Message;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return $"not a PEM certificate with its RSA private key ({e.Message.TrimEnd('.')}).";
        }
    }
}
