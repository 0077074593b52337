using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using RelationshipGrains.Persistence.AzureStorage;
using RelationshipGrains.Silo.Hosting;

namespace RelationshipGrains.Silo.DataProtection;

/// <summary>
/// Every silo of a service protects cookies and sign-in state with the same keys, kept where the service keeps its data:
/// without it each silo would make its own, so a dashboard sign-in begun on one silo fails on the next, and every
/// restart signs everyone out.
/// </summary>
public static class SharedKeyRing
{
    /// <summary>The container beside the journals and state, under <c>Storage:AzureBlob:DataProtectionContainerName</c>.</summary>
    public const string DefaultContainerName = "data-protection";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, IConfiguration configuration, string serviceId)
    {
        // The application name, not the content root Data Protection defaults to, decides who shares keys: silos of one
        // service installed in different folders still share them, and two services never do.
        var dataProtection = services.AddDataProtection().SetApplicationName($"RelationshipGrains/{serviceId}");
        if (StorageSettings.Is(configuration, StorageSettings.LocalFiles))
        {
            // Unencrypted at rest unless DataProtection:CertificateFile is set, like the customer data in the same folder.
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(StorageSettings.DirectoryOf(configuration, serviceId), "data-protection")));
        }
        else if (StorageSettings.IsAzureBlob(configuration))
        {
            // Unencrypted at rest unless DataProtection:CertificateFile is set: the account's access control guards the keys
            // as it guards the journals beside them, and a certificate keeps them from whoever can read the account.
            var journals = new AzureJournalOptions();
            StorageSettings.BindAzureJournals(configuration, journals);
            var name = configuration.GetSection(StorageSettings.Section).GetSection(StorageSettings.AzureBlob)["DataProtectionContainerName"] ?? DefaultContainerName;
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = new BlobKeyRepository(journals.CreateServiceClient().GetBlobContainerClient(name)));
        }

        // Memory keeps Data Protection's own default (the user profile's key folder), as before: that mode is for tests.
        KeyRingProtection.Read(configuration).Apply(dataProtection);
        return services;
    }
}
