using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.IntegrationTests.Infrastructure;
using RelationshipGrains.Silo.DataProtection;

namespace RelationshipGrains.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class Sharing_the_key_ring_on_azurite(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_sign_in_protected_on_one_silo_is_read_on_another_from_the_keys_in_the_container()
    {
        var container = AzuriteFixture.NewContainerName();

        var cookie = Silo(container).CreateProtector("dashboard-cookie").Protect("olu's sign-in");
        var read = Silo(container).CreateProtector("dashboard-cookie").Unprotect(cookie);

        Assert.Equal("olu's sign-in", read);
        var blobs = await azurite.EveryBlobAsync(container);
        var key = Assert.Single(blobs);
        Assert.StartsWith("key-", key.Name, StringComparison.Ordinal);
        Assert.Contains("<masterKey", System.Text.Encoding.UTF8.GetString(key.Content), StringComparison.Ordinal);
    }

    private static IDataProtectionProvider Silo(string container)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = AzuriteFixture.ConnectionString,
            ["Storage:AzureBlob:DataProtectionContainerName"] = container,
        }).Build();
        return new ServiceCollection().AddLogging().AddSharedKeyRing(configuration, "crm")
            .BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }
}
