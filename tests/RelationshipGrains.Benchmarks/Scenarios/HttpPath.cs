using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RelationshipGrains.Api.Hosting;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Customers;
using RelationshipGrains.Silo.Hosting;
using RelationshipGrains.Silo.Observability;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>
/// Scenario 2: our HTTP API against a bare minimal-API endpoint returning a constant, same host, same client; and the
/// write on a second silo without OpenTelemetry and the dashboard's endpoints, to price what observing the silo costs.
/// </summary>
public static class HttpPath
{
    private const string Key = "benchmark-channel-key-0123456789";

    public static async Task RunAsync(BenchOptions options, LoadRunner runner, List<Measured> results)
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var errors = new ServerErrors();

        // The silo as Program.cs builds it (OpenTelemetry metrics, the dashboard's endpoints, health checks), and one
        // without, both running, written to in the order A B B A so neither gains from running later.
        await using var shipped = await StartAsync(observed: true, errors);
        await using var unobserved = await StartAsync(observed: false, errors);
        using var http = Client(shipped, options);
        using var plain = Client(unobserved, options);
        // The customers exist before the timed writes, as in a silo that has been running: a customer's first
        // interaction also creates its journal, which the first-contact row prices on its own.
        await EstablishAsync(http, errors, options, $"{prefix}-e");
        await EstablishAsync(plain, errors, options, $"{prefix}-e");
        await EstablishAsync(http, errors, options, $"{prefix}-e", "/floor/{0}");

        // Measured after that, on a silo as warm as the one the writes meet: measured first, on a cold process, the
        // bare endpoint ran at half the rate of a timeline read.
        var bare = await runner.RunAsync("http path", "GET /bare (ASP.NET Core's limit)", options.HttpCallers, async (_, _) =>
            await errors.EnsureSuccessAsync(await http.GetAsync("/bare")));
        var firstContact = await runner.RunAsync("http path", "POST interaction, first contact", options.HttpCallers, async (c, n) =>
            await errors.EnsureSuccessAsync(await http.PostAsJsonAsync($"/api/v1/customers/new-{prefix}-{c}-{n}/interactions", Interaction($"{prefix}-f-{c}-{n}"))));
        var first = await PostAsync(runner, http, errors, options, "POST interaction", $"{prefix}-a");
        var floorFirst = await FloorAsync(runner, http, errors, options, $"{prefix}-g");
        var floorSecond = await FloorAsync(runner, http, errors, options, $"{prefix}-h");
        var plainFirst = await PostAsync(runner, plain, errors, options, "POST interaction, no OpenTelemetry or dashboard endpoints", $"{prefix}-b");
        var plainSecond = await PostAsync(runner, plain, errors, options, "POST interaction, no OpenTelemetry or dashboard endpoints", $"{prefix}-c");
        var second = await PostAsync(runner, http, errors, options, "POST interaction", $"{prefix}-d");
        var get = await runner.RunAsync("http path", "GET timeline (20)", options.HttpCallers, async (c, n) =>
            await errors.EnsureSuccessAsync(await http.GetAsync($"/api/v1/customers/{Payloads.CustomerId((c * 7919 + n) % options.Customers)}/timeline?limit=20")));
        var post = Measured.Mean(first, second);
        var postPlain = Measured.Mean(plainFirst, plainSecond);
        var floor = Measured.Mean(floorFirst, floorSecond);

        results.Add(bare);
        results.Add(post with
        {
            Baseline = "bare", Ratio = post.PerSecond / bare.PerSecond,
            Note = $"{post.PerSecond / floor.PerSecond:0.00} of the same POST to Journaling alone; A B B A",
        });
        results.Add(floor with
        {
            Baseline = "bare", Ratio = floor.PerSecond / bare.PerSecond,
            Note = "body bound, Journaling alone on the file journal, entry returned; A B B A",
        });
        results.Add(get with { Baseline = "bare", Ratio = get.PerSecond / bare.PerSecond });
        results.Add(firstContact with { Baseline = "bare", Ratio = firstContact.PerSecond / bare.PerSecond, Note = "a new customer each call" });
        results.Add(postPlain with { Baseline = "POST interaction", Ratio = postPlain.PerSecond / post.PerSecond });
        await shipped.StopAsync();
        await unobserved.StopAsync();
    }

    private static Task<Measured> PostAsync(LoadRunner runner, HttpClient http, ServerErrors errors, BenchOptions options, string operation, string prefix) =>
        runner.RunAsync("http path", operation, options.HttpCallers, async (c, n) =>
            await errors.EnsureSuccessAsync(await http.PostAsJsonAsync(
                $"/api/v1/customers/{Payloads.CustomerId((c * 7919 + n) % options.Customers)}/interactions", Interaction($"{prefix}-{c}-{n}"))));

    /// <summary>
    /// The same request and answer through a minimal endpoint to Orleans Journaling alone (<c>Floor/</c>) on the same
    /// durable journal: what a write costs over HTTP before anything of ours.
    /// </summary>
    private static Task<Measured> FloorAsync(LoadRunner runner, HttpClient http, ServerErrors errors, BenchOptions options, string prefix) =>
        runner.RunAsync("http path", "POST to Orleans Journaling alone", options.HttpCallers, async (c, n) =>
            await errors.EnsureSuccessAsync(await http.PostAsJsonAsync(
                $"/floor/{Payloads.CustomerId((c * 7919 + n) % options.Customers)}", Interaction($"{prefix}-{c}-{n}"))));

    private static object Interaction(string id) =>
        new { interactionId = id, channel = "chat", direction = "inbound", author = new { kind = "customer" }, text = Payloads.Text };

    /// <summary>One interaction for every customer the scenario writes to, untimed.</summary>
    private static Task EstablishAsync(HttpClient http, ServerErrors errors, BenchOptions options, string prefix, string path = "/api/v1/customers/{0}/interactions") =>
        Parallel.ForEachAsync(Enumerable.Range(0, options.Customers), new ParallelOptions { MaxDegreeOfParallelism = options.HttpCallers }, async (i, ct) =>
            await errors.EnsureSuccessAsync(await http.PostAsJsonAsync(string.Format(CultureInfo.InvariantCulture, path, Payloads.CustomerId(i)), Interaction($"{prefix}-{i}"), ct)));

    private static HttpClient Client(WebApplication app, BenchOptions options)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.HttpCallers }) { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return http;
    }

    private static async Task<WebApplication> StartAsync(bool observed, ServerErrors errors)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(errors);
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
            ["RateLimits:Roles:channel:RequestsPerSecond"] = "10000000",
            ["RateLimits:Roles:channel:Burst"] = "10000000",
            ["Timeline:InteractionsPerMinute"] = "2147483647",

            // The shipped default (journals in local files), in a folder of its own rather than the user's data folder.
            ["Storage:Directory"] = Path.Combine(Path.GetTempPath(), $"rg-bench-{Guid.NewGuid():N}"),
        });
        builder.AddRelationshipGrainsSilo();
        if (observed)
        {
            builder.AddRelationshipGrainsObservability();
        }

        builder.Services.AddRelationshipGrainsApi(builder.Configuration);
        var app = builder.Build();
        app.MapRelationshipGrainsApi();
        if (observed)
        {
            app.MapRelationshipGrainsOperations();
        }

        app.MapGet("/bare", () => "ok");
        app.MapPost("/floor/{id}", async (string id, RecordInteraction body, IGrainFactory grains) =>
            TypedResults.Created($"/floor/{id}", (await grains.JournalFloor(id).AppendAsync(body)).Entry));
        await app.StartAsync();
        return app;
    }
}
