using RelationshipGrains.Api.Hosting;
using RelationshipGrains.Grains;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// One silo on loopback with memory storage and reminders: runs anywhere with nothing installed.
/// State lives only as long as the process; production profiles choose durable storage.
/// </summary>
public static class EmbeddedProfile
{
    public const string Name = "Embedded";

    /// <summary>Documented development keys, used only by this profile and only when no key is configured.</summary>
    public const string DevelopmentOperatorKey = "rg-dev-operator-key-not-for-production";
    public const string DevelopmentChannelKey = "rg-dev-channel-key-not-for-production";

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

        builder.Services.Configure<ApiOptions>(o => o.AnonymousOpenApi = true);
    }

    public static void ConfigureSilo(ISiloBuilder silo, SiloOptions options)
    {
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        silo.AddMemoryGrainStorage(StorageNames.Relationships);
        silo.UseInMemoryReminderService();
    }
}
