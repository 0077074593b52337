using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RelationshipGrains.Client;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Client;

[Collection(ApiCollection.Name)]
public sealed class Connecting_a_channel_app(ApiFixture api)
{
    /// <summary>A channel app's host, configured to reach the test silo's gateway (which this starts).</summary>
    private HostApplicationBuilder ClientHostBuilder()
    {
        _ = api.Server;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RelationshipGrains:Client:Gateways:0"] = $"127.0.0.1:{api.GatewayPort}",
            ["RelationshipGrains:Client:ClusterId"] = api.ClusterId,
            ["RelationshipGrains:Client:ServiceId"] = api.ClusterId,
        });
        return builder;
    }

    [Fact]
    public async Task A_separate_client_host_records_and_reads_a_conversation_through_the_silo_gateway()
    {
        var builder = ClientHostBuilder();
        builder.Services.AddRelationshipGrainsClient(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IRelationshipGrains>();
        var customer = Keys.Customer();

        await grains.Customer(customer).RecordInteractionAsync(Requests.Interaction("from-client", "Sent from a channel app"));
        var page = await grains.Customer(customer).GetTimelineAsync(new TimelineQuery());
        var malformed = Assert.Throws<RelationshipValidationException>(() => grains.Customer("Not Valid"));
        var noCommunity = await grains.Community(Keys.Customer("com")).GetAsync();
        await grains.Customer(customer).UpdateProfileAsync(new UpdateProfile($"Clara {customer}"));
        var found = await grains.CustomerSearch().SearchAsync($"clara {customer}");
        var chains = await grains.CustomerValueChains().ListAsync(customer);

        Assert.Equal("Sent from a channel app", Assert.Single(page.Entries).Text);
        Assert.Equal("customerId", malformed.Field);
        Assert.Null(noCommunity);
        Assert.Equal(customer, Assert.Single(found).CustomerId);
        Assert.Empty(chains);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_host_builder_connects_with_one_call_and_lets_the_app_add_to_orleans_own_client_builder()
    {
        var builder = ClientHostBuilder();
        var calls = new List<string>();
        builder.AddRelationshipGrainsClient(orleans => orleans.AddOutgoingGrainCallFilter(async context =>
        {
            // Orleans' own system calls (cluster manifest updates) pass through the filter too.
            if (context.InterfaceName.Contains(nameof(ICustomerGrain), StringComparison.Ordinal))
            {
                lock (calls)
                {
                    calls.Add(context.MethodName);
                }
            }

            await context.Invoke();
        }));
        using var host = builder.Build();
        await host.StartAsync();

        await host.Services.GetRequiredService<IRelationshipGrains>().Customer(Keys.Customer())
            .RecordInteractionAsync(Requests.Interaction("through-the-host-builder"));

        Assert.Equal(["RecordInteractionAsync"], calls);
        await host.StopAsync();
    }

    [Fact]
    public async Task An_activation_that_lost_its_journal_to_a_newer_one_is_an_outage_to_retry_as_over_http()
    {
        // The HTTP API answers this 503 with Retry-After (a grain moving between silos); the SDK let Orleans' own
        // InconsistentStateException through, which the SDK's documentation never names.
        var builder = ClientHostBuilder();
        builder.AddRelationshipGrainsClient(orleans => orleans.AddOutgoingGrainCallFilter(context =>
            context.InterfaceName.Contains(nameof(ICustomerGrain), StringComparison.Ordinal)
                ? throw new Orleans.Storage.InconsistentStateException("The journal was taken over by a newer activation.")
                : context.Invoke()));
        using var host = builder.Build();
        await host.StartAsync();

        var outage = await Assert.ThrowsAsync<RelationshipUnavailableException>(() =>
            host.Services.GetRequiredService<IRelationshipGrains>().Customer(Keys.Customer()).RecordInteractionAsync(Requests.Interaction()));

        Assert.Equal(2, outage.RetryAfterSeconds);
        Assert.IsType<Orleans.Storage.InconsistentStateException>(outage.InnerException);
        await host.StopAsync();
    }

    [Fact]
    public void A_malformed_gateway_setting_is_refused_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RelationshipGrains:Client:Gateways:0"] = "nowhere",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddRelationshipGrainsClient(configuration));

        Assert.Contains("RelationshipGrains:Client:Gateways:0", error.Message);
    }

    [Theory]
    [InlineData("ClusteringConnectionString", "UseDevelopmentStorage=true")]
    [InlineData("Tls:CaFile", "/etc/relationship-grains/ca.crt")]
    public void Production_cluster_settings_without_the_cluster_package_are_refused_rather_than_connecting_in_the_clear(string setting, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"RelationshipGrains:Client:{setting}"] = value,
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddRelationshipGrainsClient(configuration));

        Assert.StartsWith($"RelationshipGrains:Client:{setting.Split(':')[0]} is set", error.Message, StringComparison.Ordinal);
        Assert.Contains("RelationshipGrains.Client.Cluster", error.Message, StringComparison.Ordinal);
        Assert.Contains("UseRelationshipGrainsCluster()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cluster_package_refuses_incomplete_tls_settings_naming_each()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RelationshipGrains:Client:Tls:CaFile"] = "/nowhere/ca.crt",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddRelationshipGrainsClient(configuration, orleans => orleans.UseRelationshipGrainsCluster()));

        Assert.Contains("RelationshipGrains__Client__Tls__CertificateFile is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("RelationshipGrains__Client__Tls__CaFile: no file at '/nowhere/ca.crt'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_cannot_reach_the_cluster_fails_to_start_with_one_plain_error()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Nothing listens on port 1: every attempt is refused at once.
            ["RelationshipGrains:Client:Gateways:0"] = "127.0.0.1:1",
            ["RelationshipGrains:Client:ClusterId"] = "nowhere",
            ["RelationshipGrains:Client:ConnectTimeout"] = "00:00:02",
        });
        builder.Services.AddRelationshipGrainsClient(builder.Configuration);
        using var host = builder.Build();
        // Orleans alone would go on for about three minutes; this only bounds the test if the deadline were ignored.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var refused = await Assert.ThrowsAsync<RelationshipUnavailableException>(() => host.StartAsync(bound.Token));

        Assert.StartsWith("Could not reach the RelationshipGrains cluster 'nowhere'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("at 127.0.0.1:1 within 2 s", refused.Message, StringComparison.Ordinal);
        Assert.Contains("RelationshipGrains:Client:ClusterId", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("mutual TLS", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_without_tls_settings_that_a_gateway_turns_away_is_told_the_cluster_may_require_tls()
    {
        // A TLS gateway takes the TCP connection and drops it when the first bytes are not a TLS handshake.
        using var gateway = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        gateway.Start();
        using var stop = new CancellationTokenSource();
        var turningAway = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var connection = await gateway.AcceptTcpClientAsync(stop.Token);
            }
        });
        var port = ((System.Net.IPEndPoint)gateway.LocalEndpoint).Port;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RelationshipGrains:Client:Gateways:0"] = $"127.0.0.1:{port}",
            ["RelationshipGrains:Client:ConnectTimeout"] = "00:00:02",
        });
        builder.Services.AddRelationshipGrainsClient(builder.Configuration);
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<RelationshipUnavailableException>(() => host.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => turningAway);

        Assert.Contains(
            "A silo answers there but did not take this client: if the cluster requires mutual TLS (the Production profile does), set "
            + "RelationshipGrains:Client:Tls:CertificateFile, :KeyFile and :CaFile and connect with RelationshipGrains.Client.Cluster; "
            + "otherwise check that RelationshipGrains:Client:ClusterId and :ServiceId match the silos'.",
            refused.Message, StringComparison.Ordinal);
    }
}
