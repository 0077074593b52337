using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RelationshipGrains.Api.Http;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

/// <summary>
/// Silos of their own: one with a tiny budget for channel keys (two requests at once, then one every 1,000 s, so no
/// refill can fall inside a test however slow the machine), one as shipped.
/// </summary>
public sealed class Limiting_request_rates : IDisposable
{
    private readonly WebApplicationFactory<Program> _silo = new ApiFixture().WithWebHostBuilder(b =>
    {
        b.UseSetting("RateLimits:Roles:channel:RequestsPerSecond", "0.001");
        b.UseSetting("RateLimits:Roles:channel:Burst", "2");
    });

    private readonly WebApplicationFactory<Program> _shipped = new ApiFixture();

    private HttpClient Client(string key) => _silo.ClientWithKey(key);

    [Fact]
    public async Task A_key_over_its_budget_gets_429_with_retry_after_while_other_keys_and_health_carry_on()
    {
        var channel = Client(ApiFixture.ChannelKey);
        var path = $"/api/v1/customers/{Keys.Customer()}/timeline";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            statuses.Add((await channel.GetAsync(path)).StatusCode);
        }

        var refused = await channel.GetAsync(path);
        var otherKey = await Client(ApiFixture.OperatorKey).GetAsync(path);
        var health = await _silo.CreateClient().GetAsync("/health/live");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        // The next token is up to 1,000 s away.
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 1_000);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task As_shipped_a_channel_key_serves_a_whole_app_while_a_partner_key_gets_a_modest_share()
    {
        var channel = _shipped.ClientWithKey(ApiFixture.ChannelKey);
        var partner = _shipped.ClientWithKey(ApiFixture.PartnerKey);

        // 1,000 calls at once, as a busy channel app makes them: the first-wave figure was 283-504 of them refused.
        var channelStatuses = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(async _ => (await channel.GetAsync("/api/v1/me")).StatusCode));
        var partnerStatuses = await Task.WhenAll(Enumerable.Range(0, 400).Select(async _ => (await partner.GetAsync("/api/v1/me")).StatusCode));

        Assert.All(channelStatuses, s => Assert.Equal(HttpStatusCode.OK, s));
        // A partner's burst is 100 and it earns 50 a second; 400 at once cannot all fit.
        Assert.Contains(HttpStatusCode.TooManyRequests, partnerStatuses);
        Assert.True(partnerStatuses.Count(s => s == HttpStatusCode.OK) >= 100, "A partner's burst of 100 was not honoured.");
    }

    [Fact]
    public async Task Each_back_office_source_has_a_bucket_of_its_own()
    {
        using var silo = new ApiFixture().WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimits:Roles:back-office:RequestsPerSecond", "0.001");
            b.UseSetting("RateLimits:Roles:back-office:Burst", "1");
        });
        var client = silo.CreateClient();
        static HttpContent Body() => new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        // Unsigned, so a request the limiter lets through is refused at the endpoint (401), not taken.
        var first = await client.PostAsync("/api/v1/inbound/social", Body());
        var second = await client.PostAsync("/api/v1/inbound/social", Body());
        var otherSource = await client.PostAsync("/api/v1/inbound/marketing", Body());

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.Unauthorized],
            new[] { first.StatusCode, second.StatusCode, otherSource.StatusCode });
    }

    [Fact]
    public async Task Unsigned_posts_from_one_address_do_not_empty_a_back_office_systems_bucket()
    {
        using var silo = new ApiFixture().WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimits:Roles:back-office:RequestsPerSecond", "0.001");
            b.UseSetting("RateLimits:Roles:back-office:Burst", "1");
            b.UseSetting("RateLimits:RequestsPerSecond", "0.001");
            b.UseSetting("RateLimits:Burst", "2");
        });
        async Task<HttpStatusCode> Post(string source, string address) => (await silo.Server.SendAsync(http =>
        {
            http.Request.Method = "POST";
            http.Request.Path = $"/api/v1/inbound/{source}";
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream("{}"u8.ToArray());
            http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
        })).Response.StatusCode is var status ? (HttpStatusCode)status : default;

        var attacker = new[] { await Post("erp", "203.0.113.9"), await Post("erp", "203.0.113.9") };
        var erp = await Post("erp", "198.51.100.7");
        // A made-up source is no source: such posts share the address's bucket rather than getting one each.
        var madeUp = new[] { await Post("made-up-1", "192.0.2.1"), await Post("made-up-2", "192.0.2.1"), await Post("made-up-3", "192.0.2.1") };

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], attacker);
        Assert.Equal(HttpStatusCode.Unauthorized, erp);
        Assert.Equal(HttpStatusCode.TooManyRequests, madeUp[2]);
    }

    [Theory]
    [InlineData(2_000, 2_000, 1)]
    [InlineData(2.4, 2, 1)]
    [InlineData(0.5, 1, 2)]
    [InlineData(1.0 / 60, 1, 60)]
    public void A_rate_becomes_whole_tokens_per_period(double perSecond, int tokens, double periodSeconds)
    {
        var (t, period) = new RoleRate { RequestsPerSecond = perSecond, Burst = 1 }.Refill();

        Assert.Equal(tokens, t);
        Assert.Equal(periodSeconds, period.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.000001")]
    [InlineData("NaN")]
    public void A_rate_that_never_refills_is_refused_at_start_naming_the_setting(string perSecond)
    {
        using var silo = new ApiFixture().WithWebHostBuilder(b => b.UseSetting("RateLimits:Roles:partner:RequestsPerSecond", perSecond));

        var refusal = Assert.ThrowsAny<Exception>(() => silo.CreateClient());

        Assert.Contains("RateLimits:Roles:partner:RequestsPerSecond must be set above 0 (one request a day at least)", refusal.ToString());
    }

    public void Dispose()
    {
        _silo.Dispose();
        _shipped.Dispose();
    }
}
