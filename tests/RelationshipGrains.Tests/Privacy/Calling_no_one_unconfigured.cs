using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Privacy;

/// <summary>
/// The product calls nothing but what an operator configured: no vendor telemetry, no cloud probes. It runs alone,
/// after the other tests: its listener hears the whole process, and other tests configure webhooks to example hosts.
/// </summary>
[Collection(Name)]
public sealed class Calling_no_one_unconfigured
{
    public const string Name = "calling no one unconfigured";

    [Fact]
    public async Task A_silo_that_takes_interactions_and_stops_reaches_nothing_beyond_loopback()
    {
        using var outbound = new OutboundConnections();
        bool telemetryEnabled;
        await using (var silo = new ApiFixture().WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            // MassTransit reports usage to its vendor some minutes after start; this makes it do so at once when
            // the silo stops instead, so the test need not wait for it.
            services.Configure<UsageTelemetryOptions>(o => o.ReportOnShutdown = true))))
        {
            using var http = silo.CreateClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", ApiFixture.ChannelKey);
            var recorded = await http.PostAsJsonAsync($"/api/v1/customers/{Keys.Customer()}/interactions",
                new { interactionId = "outbound-1", channel = "web", direction = "inbound", author = new { kind = "customer" }, text = "Hello" });
            recorded.EnsureSuccessStatusCode();
            telemetryEnabled = silo.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled;
        }

        Assert.Empty(outbound.BeyondLoopback);
        Assert.Contains(outbound.Seen, s => s.StartsWith("127.0.0.1", StringComparison.Ordinal) || s == "localhost");
        Assert.False(telemetryEnabled);
    }
}

[CollectionDefinition(Calling_no_one_unconfigured.Name, DisableParallelization = true)]
public sealed class AloneCollection
{
}
