using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using RelationshipGrains.Client;

namespace RelationshipGrains.IntegrationTests.Infrastructure;

/// <summary>
/// Silo processes in the production profile on this machine (Azurite tables for membership and reminders, blobs for
/// state; RabbitMQ; mutual TLS with certificates of a throw-away authority), and a grain client in the test process
/// that finds them through the membership table, as a channel app would. Each cluster has its own cluster id,
/// container, queues and authority, so runs never see each other's state.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string OperatorKey = "cluster-test-operator-key-0123456789abcdef";

    private readonly List<SiloProcess> _silos = [];
    private readonly Dictionary<string, string> _environment;
    private readonly string _logDirectory;
    private IHost? _client;

    private ProcessCluster(string clusterId, Dictionary<string, string> environment, string logDirectory, string storageConnectionString, TestCertificates certificates)
    {
        ClusterId = clusterId;
        _environment = environment;
        _logDirectory = logDirectory;
        StorageConnectionString = storageConnectionString;
        Certificates = certificates;
    }

    /// <summary>How long the test's client waits for an answer before it gives up and retries (Orleans' default is 30 s).</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    public string StorageConnectionString { get; }

    /// <summary>The cluster's certificate authority; <see cref="TestCertificates.Issue"/> makes a client certificate it trusts.</summary>
    public TestCertificates Certificates { get; }

    public string ClusterId { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("Connect the client first.");

    /// <param name="settings">Extra configuration for every silo, as environment variables (<c>Section__Key</c>).</param>
    /// <param name="storageConnectionString">The Azure Storage the silos keep grain state in; the shared Azurite by default.</param>
    public static Task<ProcessCluster> CreateAsync(IReadOnlyDictionary<string, string>? settings = null, string storageConnectionString = AzuriteFixture.ConnectionString)
    {
        var clusterId = $"c{Guid.NewGuid():N}"[..16];
        var logDirectory = Path.Combine(Repository.Root(), "artifacts", "silo-logs", clusterId);
        var certificates = TestCertificates.CreateAuthority(Path.Combine(logDirectory, "certificates"));
        var (siloCertificate, siloKey) = certificates.Issue("silo");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Silo__Profile"] = "Production",
            ["Silo__ClusterId"] = clusterId,
            ["Silo__ServiceId"] = clusterId,
            ["Silo__AdvertisedAddress"] = "127.0.0.1",
            ["Silo__Tls__CertificateFile"] = siloCertificate,
            ["Silo__Tls__KeyFile"] = siloKey,
            ["Silo__Tls__CaFile"] = certificates.AuthorityFile,
            // The test's client finds silos and what each holds through Orleans' management grain, as an operator's
            // tooling would; everything else stays held to the channel surface.
            ["Silo__ClientSurface__AlsoOpen__0"] = "Orleans.Runtime.IManagementGrain",
            ["Storage__Provider"] = "AzureBlob",
            ["Storage__AzureBlob__ConnectionString"] = storageConnectionString,
            ["Storage__AzureBlob__ContainerName"] = clusterId,
            ["Messaging__Transport"] = "RabbitMq",
            ["Messaging__RabbitMq__Host"] = RabbitMqFixture.Host,
            ["Messaging__RabbitMq__Username"] = "guest",
            ["Messaging__RabbitMq__Password"] = "guest",
            ["Messaging__QueuePrefix"] = clusterId,
            ["Http__TlsTermination"] = "Proxy",
            ["Auth__Keys__0__Name"] = "cluster test operator",
            ["Auth__Keys__0__Role"] = "operator",
            ["Auth__Keys__0__Key"] = OperatorKey,
            ["Privacy__PseudonymSecret"] = $"cluster-test-pseudonym-secret-{clusterId}",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        Directory.CreateDirectory(logDirectory);
        return Task.FromResult(new ProcessCluster(clusterId, environment, logDirectory, storageConnectionString, certificates));
    }

    /// <summary>Starts silos side by side and waits until each one reports ready.</summary>
    public async Task<IReadOnlyList<SiloProcess>> StartSilosAsync(int count)
    {
        var started = Enumerable.Range(0, count)
            .Select(_ => SiloProcess.Start($"silo-{_silos.Count + 1}", _environment, _logDirectory))
            .Select(s => { _silos.Add(s); return s; })
            .ToList();
        await Task.WhenAll(started.Select(s => s.WaitUntilReadyAsync(TimeSpan.FromSeconds(90))));
        return started;
    }

    public async Task ConnectClientAsync()
    {
        var (certificate, key) = Certificates.Issue("channel-app");
        _client = BuildClient(new Dictionary<string, string?>
        {
            [$"{RelationshipGrainsClientOptions.Section}:Tls:CertificateFile"] = certificate,
            [$"{RelationshipGrainsClientOptions.Section}:Tls:KeyFile"] = key,
            [$"{RelationshipGrainsClientOptions.Section}:Tls:CaFile"] = Certificates.AuthorityFile,
        });
        await _client.StartAsync();
    }

    /// <summary>A grain client of this cluster (found through its membership table) with extra <paramref name="settings"/>, not started.</summary>
    public IHost BuildClient(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{RelationshipGrainsClientOptions.Section}:ClusteringConnectionString"] = StorageConnectionString,
            [$"{RelationshipGrainsClientOptions.Section}:ClusterId"] = ClusterId,
            [$"{RelationshipGrainsClientOptions.Section}:ServiceId"] = ClusterId,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        // Calls to the killed silo time out and are retried by design; one line each would bury the test's output.
        builder.Logging.SetMinimumLevel(LogLevel.Error).AddFilter("Orleans", LogLevel.Error);
        builder.Services.AddRelationshipGrainsClient(builder.Configuration, orleans => orleans.UseRelationshipGrainsCluster());

        // A call whose silo died fails after this long and the caller retries it, instead of waiting the default 30 s.
        builder.Services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        builder.Services.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>The silo's address as the cluster knows it, found by its port.</summary>
    public async Task<SiloAddress> AddressOfAsync(SiloProcess silo)
    {
        var hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return hosts.Keys.Single(h => h.Endpoint.Port == silo.SiloPort);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                await _client.StopAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                // The silos may already be gone; nothing to close cleanly then.
            }

            _client.Dispose();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}
