using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Silo.DataProtection;
using RelationshipGrains.Testing;

namespace RelationshipGrains.Tests.SignIn;

public sealed class Sharing_the_key_ring : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rg-keys-").FullName;

    [Fact]
    public void What_one_silo_protects_another_silo_of_the_service_reads_and_so_does_the_next_start()
    {
        var cookie = Silo("crm").CreateProtector("dashboard-cookie").Protect("olu's sign-in");

        Assert.Equal("olu's sign-in", Silo("crm").CreateProtector("dashboard-cookie").Unprotect(cookie));
        Assert.Single(Directory.GetFiles(Path.Combine(_directory, "data-protection"), "key-*.xml"));
    }

    [Fact]
    public void Another_service_in_the_same_folder_cannot_read_it()
    {
        var cookie = Silo("crm").CreateProtector("dashboard-cookie").Protect("olu's sign-in");

        Assert.ThrowsAny<CryptographicException>(() => Silo("other").CreateProtector("dashboard-cookie").Unprotect(cookie));
    }

    [Fact]
    public void With_a_certificate_the_keys_are_encrypted_at_rest_and_a_later_certificate_still_reads_them()
    {
        var certificates = TestCertificates.CreateAuthority(Path.Combine(_directory, "certificates"));
        var (first, firstKey) = certificates.Issue("key-ring-2026");
        var (second, secondKey) = certificates.Issue("key-ring-2027");
        var firstWithKey = Path.Combine(_directory, "certificates", "key-ring-2026-with-key.pem");
        File.WriteAllText(firstWithKey, File.ReadAllText(first) + "\n" + File.ReadAllText(firstKey));
        var encrypting = new Dictionary<string, string?> { ["DataProtection:CertificateFile"] = first, ["DataProtection:KeyFile"] = firstKey };

        var cookie = Silo("crm", encrypting).CreateProtector("dashboard-cookie").Protect("olu's sign-in");

        var key = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(_directory, "data-protection"), "key-*.xml")));
        Assert.Contains("EncryptedData", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
        Assert.Equal("olu's sign-in", Silo("crm", encrypting).CreateProtector("dashboard-cookie").Unprotect(cookie));
        var rotated = new Dictionary<string, string?>
        {
            ["DataProtection:CertificateFile"] = second,
            ["DataProtection:KeyFile"] = secondKey,
            ["DataProtection:PreviousCertificateFiles:0"] = firstWithKey,
        };
        Assert.Equal("olu's sign-in", Silo("crm", rotated).CreateProtector("dashboard-cookie").Unprotect(cookie));
        Assert.ThrowsAny<CryptographicException>(() => Silo("crm").CreateProtector("dashboard-cookie").Unprotect(cookie));
    }

    [Fact]
    public void Unreadable_certificate_settings_are_named_as_typed()
    {
        var certificates = TestCertificates.CreateAuthority(Path.Combine(_directory, "certificates"));
        var (certificate, _) = certificates.Issue("no-key-given");
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataProtection:CertificateFile"] = certificate,
            ["DataProtection:PreviousCertificateFiles:0"] = "/nowhere/old.pem",
        }).Build();

        var problems = KeyRingProtection.Problems(settings).ToList();

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("DataProtection__CertificateFile: not a PEM certificate with its RSA private key (", problems[0], StringComparison.Ordinal);
        Assert.Equal("DataProtection__PreviousCertificateFiles__0: no file at '/nowhere/old.pem'.", problems[1]);
        Assert.Equal(["DataProtection__CertificateFile is missing: the certificate that encrypts the key ring (PEM)."],
            KeyRingProtection.Problems(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeyFile"] = "k.pem" }).Build()));
    }

    // A silo's services as its host builds them: a separate container, so nothing is shared but the folder.
    private IDataProtectionProvider Silo(string serviceId, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "LocalFiles",
            ["Storage:Directory"] = _directory,
        }).AddInMemoryCollection(settings ?? []).Build();
        return new ServiceCollection().AddLogging().AddSharedKeyRing(configuration, serviceId)
            .BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
