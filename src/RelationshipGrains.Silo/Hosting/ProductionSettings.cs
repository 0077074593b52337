using System.Net;
using Azure.Storage.Blobs;
using RelationshipGrains.Integration.Hosting;
using RelationshipGrains.Persistence.AzureStorage;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// What a production silo cannot run without, checked before anything starts: every problem is found in one pass and
/// named as the environment variable an operator sets (see <see cref="StartupRefusal.Typed"/>).
/// </summary>
public static class ProductionSettings
{
    public const int MinPseudonymSecretLength = 32;

    public static void ThrowIfIncomplete(IConfiguration configuration) => StartupRefusal.ThrowIfAny(Problems(configuration));

    public static List<string> Problems(IConfiguration configuration)
    {
        static string T(string key) => StartupRefusal.Typed(key);
        var problems = new List<string>();

        if (!StorageSettings.IsAzureBlob(configuration))
        {
            problems.Add($"{T("Storage:Provider")} is '{StorageSettings.ProviderOf(configuration)}': a cluster keeps its state in {StorageSettings.AzureBlob} "
                + "(a silo's death would lose anything kept elsewhere).");
        }

        var blob = configuration.GetSection("Storage:AzureBlob");
        if (string.IsNullOrWhiteSpace(blob["ConnectionString"]) == string.IsNullOrWhiteSpace(blob["ServiceUri"]))
        {
            problems.Add($"Set one of {T("Storage:AzureBlob:ConnectionString")} or {T("Storage:AzureBlob:ServiceUri")} (with a managed identity): "
                + "the storage account for grain state, journals, cluster membership and reminders.");
        }
        else if (blob["ServiceUri"] is { Length: > 0 } uri && !Uri.TryCreate(uri, UriKind.Absolute, out _))
        {
            problems.Add($"{T("Storage:AzureBlob:ServiceUri")} '{uri}' is not an absolute URI such as https://account.blob.core.windows.net.");
        }
        else if (blob["ConnectionString"] is { Length: > 0 } connectionString && !IsConnectionString(connectionString))
        {
            // Neither it nor the SDK's reason is echoed: either may hold the account key.
            problems.Add($"{T("Storage:AzureBlob:ConnectionString")} is not a storage connection string "
                + "(DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net, or UseDevelopmentStorage=true).");
        }

        foreach (var container in new[] { "ContainerName", "JournalContainerName" })
        {
            if (blob[container] is { } name && !AzureJournalOptionsValidator.IsContainerName(name))
            {
                problems.Add($"{T("Storage:AzureBlob:" + container)} '{name}' is not a container name (3-63 lower-case letters, digits and single hyphens).");
            }
        }

        if (blob["JournalTableName"] is { } table && !Persistence.AzureStorage.Tables.TableJournalOptionsValidator.IsTableName(table))
        {
            problems.Add($"{T("Storage:AzureBlob:JournalTableName")} '{table}' is not a table name (3-63 letters and digits, starting with a letter).");
        }

        var messaging = configuration.GetSection("Messaging");
        if (!string.Equals(messaging["Transport"], nameof(MessagingTransport.RabbitMq), StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{T("Messaging:Transport")} is '{messaging["Transport"] ?? nameof(MessagingTransport.InMemory)}': a cluster publishes through "
                + $"{MessagingTransport.RabbitMq} (events in memory die with their silo).");
        }

        foreach (var key in new[] { "Username", "Password" })
        {
            if (string.IsNullOrWhiteSpace(messaging.GetSection("RabbitMq")[key]))
            {
                problems.Add($"{T("Messaging:RabbitMq:" + key)} is missing.");
            }
        }

        // Staff who sign in can run a silo without machine keys (the API key validator says the same).
        if (!configuration.GetSection("Auth:Keys").GetChildren().Any() && string.IsNullOrWhiteSpace(configuration["Auth:SignIn:Authority"]))
        {
            problems.Add($"{T("Auth:Keys")} is empty and {T("Auth:SignIn:Authority")} is not set: nobody could call the API (set "
                + $"{T("Auth:Keys:0:Name")}, {T("Auth:Keys:0:Role")} and {T("Auth:Keys:0:Key")}, or staff sign-in).");
        }

        if (configuration["Privacy:PseudonymSecret"] is not { Length: >= MinPseudonymSecretLength } secret
            || secret == Grains.Privacy.PrivacyOptions.DevelopmentPseudonymSecret)
        {
            // Not echoed: it is a secret. With the published development value a partner could recompute, offline, which
            // customer id is behind each pseudonym it is shown.
            problems.Add($"{T("Privacy:PseudonymSecret")} must be a secret of the operator's own, at least {MinPseudonymSecretLength} characters: "
                + "partners see customers who gave no consent under pseudonyms made with it.");
        }

        if (TlsTermination.Problem(configuration) is { } tls)
        {
            problems.Add(tls);
        }

        foreach (var proxy in configuration.GetSection("Http:TrustedProxies").GetChildren())
        {
            if (!IPNetwork.TryParse(proxy.Value, out _))
            {
                problems.Add($"{T(proxy.Path)} '{proxy.Value}' is not a CIDR range such as 10.0.0.0/8.");
            }
        }

        if (configuration["Silo:AdvertisedAddress"] is { Length: > 0 } advertised && !IPAddress.TryParse(advertised, out _))
        {
            problems.Add($"{T("Silo:AdvertisedAddress")} '{advertised}' is not an IP address.");
        }

        problems.AddRange(ClusterTls.Problems(configuration));
        return problems;
    }

    private static bool IsConnectionString(string connectionString)
    {
        try
        {
            _ = new BlobServiceClient(connectionString);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
