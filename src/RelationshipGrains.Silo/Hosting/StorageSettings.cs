using Azure.Identity;
using RelationshipGrains.Persistence.AzureStorage;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// The configuration section <c>Storage</c>: <c>Provider</c> is <c>Memory</c> (the default, state lost at exit) or
/// <c>AzureBlob</c>, configured under <c>Storage:AzureBlob</c> with <c>ConnectionString</c> (or <c>ServiceUri</c>,
/// authenticated as the machine's Azure identity) and <c>ContainerName</c>.
/// </summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";
    public const string Memory = "Memory";
    public const string AzureBlob = "AzureBlob";

    public string Provider { get; set; } = Memory;

    /// <summary>The configured provider's name as given, <see cref="Memory"/> when none is.</summary>
    public static string ProviderOf(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<StorageSettings>()?.Provider ?? Memory;

    public static bool IsAzureBlob(IConfiguration configuration) =>
        string.Equals(ProviderOf(configuration), AzureBlob, StringComparison.OrdinalIgnoreCase);

    /// <summary>The grain storage's options as configured, for the provider and for anything that checks on it.</summary>
    public static void BindAzureBlob(IConfiguration configuration, AzureBlobStorageOptions options)
    {
        configuration.GetSection(Section).GetSection(AzureBlob).Bind(options);
        if (options.ServiceUri is not null && options.Credential is null)
        {
            options.Credential = new DefaultAzureCredential();
        }
    }
}
