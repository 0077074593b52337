using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Orleans.Configuration;
using StackExchange.Redis;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// One silo of a cluster: Redis membership and reminders, Azure Blob grain storage, RabbitMQ, activations
/// rebalanced when silos join. Refuses to start when any of that is missing, naming the setting.
/// </summary>
public static class ProductionProfile
{
    public const string Name = "Production";

    public static void Configure(WebApplicationBuilder builder, SiloOptions options)
    {
        ProductionSettings.ThrowIfIncomplete(builder.Configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        TlsTermination.Configure(builder);

        // One JSON object per line, with the grain ids and message ids as fields, for the cluster's log collector.
        if (builder.Configuration["Logging:Console:FormatterName"] is null)
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }
    }

    public static void ConfigureSilo(ISiloBuilder silo, SiloOptions options, IConfiguration configuration)
    {
        var redis = configuration[ProductionSettings.RedisConnectionString]!;
        silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));

        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Silo:Membership"));
        if (options.Kubernetes)
        {
            silo.UseKubernetesHosting();
        }
        else
        {
            silo.ConfigureEndpoints(AdvertisedAddress(options), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }

        // The default directory is eventually consistent: after a silo dies, two activations of one grain can live for
        // a while, and the one that never saw a write serves stale state to readers until its first write fails on the
        // ETag. A migration (the rebalancer) then carries that stale state along, since a rehydrated IPersistentState
        // is not read again: the "migrated customer served empty state" seen in the kill test. The distributed
        // directory keeps one activation per grain through membership changes; journaled grains replay on every move.
#pragma warning disable ORLEANSEXP003
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003

        // The rebalancer evens out activation counts when a silo joins (scale-out) or after one died. The
        // repartitioner, which co-locates grains that call each other, gains little here: a customer's calls
        // mostly come from outside the cluster.
#pragma warning disable ORLEANSEXP002
        silo.AddActivationRebalancer();
#pragma warning restore ORLEANSEXP002
        silo.Services.Configure<ActivationRebalancerOptions>(configuration.GetSection("Silo:Rebalancer"));
    }

    private static IPAddress AdvertisedAddress(SiloOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.AdvertisedAddress))
        {
            return IPAddress.TryParse(options.AdvertisedAddress, out var configured)
                ? configured
                : throw new InvalidOperationException($"Silo:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address.");
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new InvalidOperationException("This machine has no IPv4 address other than loopback; set Silo:AdvertisedAddress.");
    }
}
