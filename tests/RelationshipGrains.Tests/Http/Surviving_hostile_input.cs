using System.Net;
using System.Net.Http.Json;
using System.Text;
using CsCheck;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RelationshipGrains.Tests.Http;

/// <summary>
/// Thousands of malformed, oversized, unicode-edge and injection-shaped requests to every route, each with a key its
/// policy admits: never a 5xx, and the silo serves normal requests afterwards. A silo of its own, without rate limits,
/// so the requests reach the handlers.
/// </summary>
public sealed class Surviving_hostile_input(ITestOutputHelper output) : IDisposable
{
    private const int Requests = 4_000;

    private readonly WebApplicationFactory<Program> _silo = new ApiFixture().WithWebHostBuilder(b =>
    {
        b.UseSetting("RateLimits:RequestsPerSecond", "1000000");
        b.UseSetting("RateLimits:Burst", "1000000");
        b.UseSetting("RateLimits:Roles:channel:RequestsPerSecond", "1000000");
        b.UseSetting("RateLimits:Roles:channel:Burst", "1000000");
        b.UseSetting("RateLimits:LiveFeedsPerKey", "1000000");
    });

    // No encoded NUL: Kestrel refuses such paths itself, and the in-process test server throws on them instead.
    private static readonly string[] Segments =
    [
        "x", "1", "0", "-1", "9223372036854775807", "ada", "velo-works", "%2e%2e", "..", "a%2Fb", new string('a', 300),
        "💥", "%F0%9F%92%A5", "%E2%80%AE", "%ED%A0%80", "'%20OR%201=1--", "%3Cscript%3E", "CON", "%20", "null",
    ];

    private static readonly string[] Fields =
    [
        "interactionId", "channel", "direction", "author", "kind", "text", "status", "customerId", "partnerId", "value",
        "displayName", "contactPoints", "intentId", "category", "budget", "amount", "currency", "scopes", "expiresAt",
        "slots", "role", "price", "leadTimeDays", "url", "eventTypes", "subscriptionId", "name", "rules", "weights",
        "title", "description", "attributes", "numbers", "sequence", "requestId", "note", "__proto__", "$type",
    ];

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String,
        Gen.Const(""),
        Gen.Const(new string('x', 70_000)),
        Gen.Const("\ud800"),
        Gen.Const("\u202eevil"),
        Gen.Const("'; DROP TABLE customers; --"),
        Gen.Const("<script>alert(1)</script>"),
        Gen.Const("${jndi:ldap://127.0.0.1/a}"),
        Gen.Const("http://169.254.169.254/latest/meta-data"),
        Gen.Char.Array[0, 40].Select(c => new string(c)));

    private static readonly Gen<string> Json = Gen.Recursive<string>((depth, inner) => depth >= 4
        ? Scalar()
        : Gen.Frequency(
            (4, Scalar()),
            (2, Gen.Select(Pick(Fields), inner).Array[0, 6].Select(kv => "{" + string.Join(",", kv.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}")),
            (1, inner.Array[0, 5].Select(items => "[" + string.Join(",", items) + "]"))));

    private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static Gen<string> Scalar() => Gen.OneOf(
        Text.Select(s => System.Text.Json.JsonSerializer.Serialize(s)),
        Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e309"),
        Pick("true", "false", "null", "1e309", "-0", "\"2026-13-45T99:99:99Z\"", "\"web\"", "\"inbound\""));

    private static readonly Gen<string> Body = Gen.Frequency(
        (6, Json),
        (1, Gen.Const("{\"a\":" + string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)) + "}")),
        (1, Pick("", "{", "{\"text\":", "not json", "\0\0\0", "{\"text\":\"\\ud800\"}")),
        (1, Text));

    [Fact]
    public async Task No_request_however_malformed_gets_a_server_error()
    {
        var operatorClient = Client(ApiFixture.OperatorKey);
        await HttpWorld.Ok(operatorClient.PutAsJsonAsync("/api/v1/partners/fuzz-partner", new { name = "Fuzz", categories = new[] { "bikes" } }));
        var key = await HttpWorld.Ok(operatorClient.PostAsync("/api/v1/partners/fuzz-partner/keys", null), HttpStatusCode.Created);
        var clients = new Dictionary<string, HttpClient>
        {
            [ApiRoles.ChannelPolicy] = Client(ApiFixture.ChannelKey),
            [ApiRoles.StaffOrCustomerPolicy] = Client(ApiFixture.ChannelKey),
            [ApiRoles.OperatorPolicy] = operatorClient,
            [ApiRoles.OperatorOrCustomerPolicy] = operatorClient,
            [ApiRoles.AnyKeyPolicy] = operatorClient,
            [ApiRoles.PartnerPolicy] = Client(key.GetProperty("key").GetString()),
            [ApiRoles.BackOfficePolicy] = Client(null),
        };
        var routes = RouteTable.Of(_silo.Services);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();

        await Gen.Select(Gen.Int[0, routes.Count - 1], Gen.Int[0, Segments.Length - 1], Gen.Int[0, Segments.Length - 1], Body, Gen.Bool)
            .SampleAsync(async t =>
            {
                var (routeIndex, first, second, body, asJson) = t;
                var route = routes[routeIndex];
                var turn = 0;
                var path = route.Path((_, numeric) => numeric ? (turn++ == 0 ? "1" : "-5") : Segments[turn++ % 2 == 0 ? first : second]);
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
                if (route.Method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent(body, Encoding.UTF8, asJson ? "application/json" : "text/plain");
                }

                var client = clients[route.Policies.LastOrDefault(p => p != ApiRoles.ChannelPolicy) ?? ApiRoles.ChannelPolicy];
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                lock (failures)
                {
                    statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{route.Method} {path} -> {(int)response.StatusCode} with body {Shorten(body)}");
                    }
                }
            }, iter: Requests, threads: 1);

        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.Empty(failures);
        var after = await Client(ApiFixture.ChannelKey).PostAsync($"/api/v1/customers/{Keys.Customer()}/interactions", new StringContent(
            """{"interactionId":"still-fine","channel":"web","direction":"inbound","author":{"kind":"customer"},"text":"Hello"}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    private HttpClient Client(string? key) => _silo.ClientWithKey(key);

    private static string Shorten(string body) => body.Length > 120 ? body[..120] + "..." : body;

    public void Dispose() => _silo.Dispose();
}
