using Orleans.Configuration;
using Orleans.Dashboard;
using RelationshipGrains.Grains.Communities;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Hosting;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Integration.Hosting;
using RelationshipGrains.Silo.DataProtection;

namespace RelationshipGrains.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>Co-hosts an Orleans silo in the web application, configured by the selected profile.</summary>
    public static WebApplicationBuilder AddRelationshipGrainsSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        // StartupChecks has refused any other profile.
        var production = string.Equals(options.Profile, ProductionProfile.Name, StringComparison.OrdinalIgnoreCase);

        if (production)
        {
            ProductionProfile.Configure(builder, options);
        }
        else
        {
            EmbeddedProfile.Configure(builder, options);
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(c =>
            {
                c.ClusterId = options.ClusterId;
                c.ServiceId = options.ServiceId;
            });
            silo.Configure<Orleans.Configuration.SiloOptions>(o => o.SiloName = options.DisplayName);
            silo.AddRelationshipGrains();
            silo.AddActivityPropagation();
            if (options.Dashboard)
            {
                silo.AddDashboard();
            }

            silo.Services.Configure<TimelineOptions>(builder.Configuration.GetSection(TimelineOptions.Section));
            silo.Services.Configure<CommunityOptions>(builder.Configuration.GetSection(CommunityOptions.Section));
            silo.Services.Configure<PrivacyOptions>(builder.Configuration.GetSection(PrivacyOptions.Section));
            silo.Services.Configure<Grains.Security.ClientSurfaceOptions>(builder.Configuration.GetSection("Silo:ClientSurface"));
            silo.Services.Configure<OutboxOptions>(builder.Configuration.GetSection("Outbox"));
            silo.AddConfiguredGrainStorage(builder.Configuration, options);
            if (production)
            {
                ProductionProfile.ConfigureSilo(silo, options, builder.Configuration);
            }
            else
            {
                EmbeddedProfile.ConfigureSilo(silo, options, builder.Configuration);
            }
        });

        builder.Services.AddSharedKeyRing(builder.Configuration, options.ServiceId);

        // After the silo, so the bus starts once grains can be called and stops before the silo does.
        builder.Services.AddRelationshipGrainsMessaging(builder.Configuration);
        return builder;
    }
}
