using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>The whole silo executable (embedded profile) in-process, on free ports, with test API keys.</summary>
public sealed class ApiFixture : WebApplicationFactory<Program>
{
    public const string ChannelKey = "test-channel-key-0123456789";
    public const string OperatorKey = "test-operator-key-0123456789";
    public const string PartnerKey = "test-partner-key-0123456789";

    /// <summary>What the test service desk and social monitoring sign their webhooks with.</summary>
    public const string InboundSecret = "test-inbound-secret-0123456789abcdef";

    public int SiloPort { get; } = FreePorts.Next();

    public int GatewayPort { get; } = FreePorts.Next();

    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}";

    /// <summary>Settings beyond the test defaults (set before the first client is made); they win over the defaults.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>
    /// The host counts as started before its bus does (MassTransit starts it in the background, so that a broker that is
    /// down does not hold the silo back); tests begin once the bus is up, as they would on a silo that has been running.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        var status = host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromMinutes(1))
            .GetAwaiter().GetResult();
        if (status != BusHealthStatus.Healthy)
        {
            throw new InvalidOperationException($"The test silo's bus was {status}, not healthy, a minute after the silo started.");
        }

        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Silo:SiloPort", SiloPort.ToString());
        builder.UseSetting("Silo:GatewayPort", GatewayPort.ToString());
        builder.UseSetting("Silo:ClusterId", ClusterId);
        builder.UseSetting("Silo:ServiceId", ClusterId);
        builder.UseSetting("Storage:Provider", "Memory");
        string[][] keys = [["channel", ChannelKey], ["operator", OperatorKey], ["partner", PartnerKey]];
        for (var i = 0; i < keys.Length; i++)
        {
            builder.UseSetting($"Auth:Keys:{i}:Name", $"test {keys[i][0]}");
            builder.UseSetting($"Auth:Keys:{i}:Role", keys[i][0]);
            builder.UseSetting($"Auth:Keys:{i}:Key", keys[i][1]);
        }

        builder.UseSetting("Auth:Keys:2:PartnerId", "velo-works");
        foreach (var source in new[] { "social", "service-desk", "marketing", "erp" })
        {
            builder.UseSetting($"Inbound:Sources:{source}:Secret", InboundSecret);
        }

        foreach (var (name, value) in Settings)
        {
            builder.UseSetting(name, value);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
