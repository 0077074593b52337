using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RelationshipGrains.Api.Hosting;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Silo.Hosting;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>Scenario 2: our HTTP API against a bare minimal-API endpoint returning a constant, same host, same client.</summary>
public static class HttpPath
{
    private const string Key = "benchmark-channel-key-0123456789";

    public static async Task RunAsync(BenchOptions options, LoadRunner runner, List<Measured> results)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Silo:SiloPort"] = FreePorts.Next().ToString(),
            ["Silo:GatewayPort"] = FreePorts.Next().ToString(),
            ["Silo:ClusterId"] = $"bench-{Guid.NewGuid():N}",
            ["Auth:Keys:0:Name"] = "benchmark",
            ["Auth:Keys:0:Role"] = "channel",
            ["Auth:Keys:0:Key"] = Key,
            // The benchmark measures the API, not the rate limiter's refusals.
            ["RateLimits:RequestsPerSecond"] = "10000000",
            ["RateLimits:Burst"] = "10000000",
            ["Timeline:InteractionsPerMinute"] = "2147483647",
        });
        builder.AddRelationshipGrainsSilo();
        builder.Services.AddRelationshipGrainsApi(builder.Configuration);
        await using var app = builder.Build();
        app.MapRelationshipGrainsApi();
        app.MapGet("/bare", () => "ok");
        await app.StartAsync();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.HttpCallers }) { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var callers = options.HttpCallers;

        var bare = await runner.RunAsync("http path", "GET /bare (ASP.NET Core's limit)", callers, async (_, _) =>
            (await http.GetAsync("/bare")).EnsureSuccessStatusCode());
        var post = await runner.RunAsync("http path", "POST interaction", callers, async (c, n) =>
            (await http.PostAsJsonAsync($"/api/v1/customers/{Payloads.CustomerId((c * 7919 + n) % options.Customers)}/interactions",
                new { interactionId = $"{prefix}-{c}-{n}", channel = "chat", direction = "inbound", author = new { kind = "customer" }, text = Payloads.Text }))
            .EnsureSuccessStatusCode());
        var get = await runner.RunAsync("http path", "GET timeline (20)", callers, async (c, n) =>
            (await http.GetAsync($"/api/v1/customers/{Payloads.CustomerId((c * 7919 + n) % options.Customers)}/timeline?limit=20")).EnsureSuccessStatusCode());
        results.Add(bare);
        results.Add(post with { Baseline = "bare", Ratio = post.PerSecond / bare.PerSecond });
        results.Add(get with { Baseline = "bare", Ratio = get.PerSecond / bare.PerSecond });
        await app.StopAsync();
    }
}
