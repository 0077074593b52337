using RelationshipGrains.Integration.Hosting;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>What a production silo cannot run without; checked before anything starts (and by the deployment files test).</summary>
public static class ProductionSettings
{
    public const string RedisConnectionString = "Redis:ConnectionString";

    public static void ThrowIfIncomplete(IConfiguration configuration)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(configuration[RedisConnectionString]))
        {
            problems.Add($"{RedisConnectionString} is missing: silos find each other and keep reminders in Redis.");
        }

        if (!StorageSettings.IsAzureBlob(configuration))
        {
            problems.Add($"Storage:Provider is '{StorageSettings.ProviderOf(configuration)}': a cluster keeps grain state in {StorageSettings.AzureBlob}, or a silo's death loses it.");
        }

        var messaging = configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        if (messaging.Transport != MessagingTransport.RabbitMq)
        {
            problems.Add($"Messaging:Transport is '{messaging.Transport}': a cluster publishes through {MessagingTransport.RabbitMq}, or events die with their silo.");
        }

        if (!configuration.GetSection("Auth:Keys").GetChildren().Any())
        {
            problems.Add("Auth:Keys is empty: nobody could call the API.");
        }

        if (TlsTermination.Problem(configuration) is { } tls)
        {
            problems.Add(tls);
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The {ProductionProfile.Name} profile cannot start:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }
    }
}
