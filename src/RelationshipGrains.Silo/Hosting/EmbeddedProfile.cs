using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Hosting;
using Orleans.Reminders.AzureStorage;
using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// One silo on loopback: runs anywhere with nothing installed. Storage is a local data folder unless
/// <c>Storage:Provider</c> says otherwise (<c>Memory</c> for a throw-away silo, or Azure Storage); reminders are kept
/// beside the data.
/// </summary>
public static class EmbeddedProfile
{
    public const string Name = "Embedded";

    /// <summary>Documented development keys, used only by this profile and only when no key is configured.</summary>
    public const string DevelopmentOperatorKey = ApiKeyOptions.DevelopmentOperatorKey;
    public const string DevelopmentChannelKey = ApiKeyOptions.DevelopmentChannelKey;

    public static void Configure(WebApplicationBuilder builder, SiloOptions options)
    {
        if (!builder.Configuration.GetSection("Auth:Keys").GetChildren().Any())
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Auth:Keys:0:Name"] = "development operator",
                ["Auth:Keys:0:Role"] = "operator",
                ["Auth:Keys:0:Key"] = DevelopmentOperatorKey,
                ["Auth:Keys:1:Name"] = "development channel app",
                ["Auth:Keys:1:Role"] = "channel",
                ["Auth:Keys:1:Key"] = DevelopmentChannelKey,
            });
            builder.Services.AddHostedService<EmbeddedBanner>();
        }

        builder.Services.Configure<ApiOptions>(o =>
        {
            // Open for trying the API; Api:AnonymousOpenApi=false closes it as outside the embedded profile.
            o.AnonymousOpenApi = builder.Configuration.GetValue("Api:AnonymousOpenApi", true);
            o.DevelopmentKeysAllowed = true;
        });
    }

    public static void ConfigureSilo(ISiloBuilder silo, SiloOptions options, IConfiguration configuration)
    {
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);

        // Reminders live where the data does, so selection rounds and the outbox's wake-up survive a restart: without
        // the wake-up, events a kill -9 left in a grain's journal waited until someone next called that grain, for good
        // if nobody did. Local files keep them in the data folder (GrainStorageSetup); Azure Storage in the account's
        // tables, as a cluster does (until 2026-12-06 they were kept in memory there, and died with the process).
        if (StorageSettings.IsAzureBlob(configuration))
        {
            silo.UseAzureTableReminderService((AzureTableReminderStorageOptions o) =>
                o.TableServiceClient = StorageSettings.CreateTableServiceClient(configuration, bounded: true));
        }
        else if (StorageSettings.Is(configuration, StorageSettings.Memory))
        {
            // A throw-away silo: reminders die with the process, and the wake-up reminder would have nothing to recover.
            silo.UseInMemoryReminderService();
            silo.Services.Configure<OutboxOptions>(o => o.WakeUpReminder = false);
        }
    }
}
