using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Silo.DataProtection;

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

    // A silo's services as its host builds them: a separate container, so nothing is shared but the folder.
    private IDataProtectionProvider Silo(string serviceId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "LocalFiles",
            ["Storage:Directory"] = _directory,
        }).Build();
        return new ServiceCollection().AddLogging().AddSharedKeyRing(configuration, serviceId)
            .BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
