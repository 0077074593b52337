using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Orleans.Clustering.AzureStorage;
using Orleans.Configuration;
using Orleans.Reminders.AzureStorage;
using RelationshipGrains.Silo.Observability;

namespace RelationshipGrains.Silo.Hosting;

/// <summary>
/// One silo of a cluster: membership and reminders in Azure Table storage, state and journals in Azure Blob storage,
/// RabbitMQ, mutual TLS on the cluster's ports, activations rebalanced when silos join. Refuses to start when any of
/// that is missing, naming every setting at once.
/// </summary>
public static class ProductionProfile
{
    public const string Name = "Production";

    public static void Configure(WebApplicationBuilder builder, SiloOptions options)
    {
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        TlsTermination.Configure(builder);

        // One JSON object per line, with time, silo name, grain ids and message ids as fields, for the log collector.
        builder.Logging.AddConsoleFormatter<SiloJsonLogFormatter, SiloJsonLogFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.SiloName = options.DisplayName;
        });
        if (builder.Configuration["Logging:Console:FormatterName"] is null)
        {
            builder.Logging.AddConsole(o => o.FormatterName = SiloJsonLogFormatter.Name);
        }
    }

    public static void ConfigureSilo(ISiloBuilder silo, SiloOptions options, IConfiguration configuration)
    {
        // Membership (which channel apps read to find gateways) and reminders in the storage account's tables:
        // a cluster needs nothing but Azure Storage and RabbitMQ.
        // Reminders get a client of their own with the storage bound: a burst of first contacts registers a reminder
        // each, and membership's few writes must not wait behind them.
        var membership = StorageSettings.CreateTableServiceClient(configuration);
        var reminders = StorageSettings.CreateTableServiceClient(configuration, bounded: true);
        silo.UseAzureStorageClustering((AzureStorageClusteringOptions o) => o.TableServiceClient = membership);
        silo.UseAzureTableReminderService((AzureTableReminderStorageOptions o) => o.TableServiceClient = reminders);
        ClusterTls.Configure(silo, configuration);

        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Silo:Membership"));

        // After a crash the directory refuses new activations of the dead silo's grains until a lease runs out, in case
        // the silo is alive after all and still serving them. Orleans' 30 s default, counted from the estimated
        // failure, kept the kill test's customers unanswered 15-18 s after the kill, long after the silo was declared
        // dead. Ours ends 2 s after a declaration that took the whole detection window: a silo declared dead is shut
        // out of the cluster, and its grains' writes are conditional on what storage holds (journals by append
        // position, small state by ETag), so one that is still running can fail a write, never overwrite a newer one.
        // Silo:GrainDirectory:RangeLeaseDuration sets it.
        silo.Services.AddOptions<GrainDirectoryOptions>().Configure<IOptions<ClusterMembershipOptions>>((directory, membership) =>
            directory.RangeLeaseDuration = membership.Value.ProbeTimeout * membership.Value.NumMissedProbesLimit + TimeSpan.FromSeconds(2));
        silo.Services.Configure<GrainDirectoryOptions>(configuration.GetSection("Silo:GrainDirectory"));
        if (options.Kubernetes)
        {
            silo.UseKubernetesHosting();
        }
        else
        {
            // Listening on the advertised address alone keeps the ports off every other interface (loopback when the
            // silo advertises 127.0.0.1); a container behind NAT, whose advertised address is not its own, opts in.
            silo.ConfigureEndpoints(AdvertisedAddress(options), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: options.ListenOnAllAddresses);
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
