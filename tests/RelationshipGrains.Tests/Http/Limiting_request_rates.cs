using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

/// <summary>A silo of its own with a tiny budget: two requests at once, one a second.</summary>
public sealed class Limiting_request_rates : IDisposable
{
    private readonly WebApplicationFactory<Program> _silo = new ApiFixture().WithWebHostBuilder(b =>
    {
        b.UseSetting("RateLimits:RequestsPerSecond", "1");
        b.UseSetting("RateLimits:Burst", "2");
    });

    private HttpClient Client(string key)
    {
        var client = _silo.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task A_key_over_its_budget_gets_429_with_retry_after_while_other_keys_and_health_carry_on()
    {
        var channel = Client(ApiFixture.ChannelKey);
        var path = $"/api/v1/customers/{Keys.Customer()}/timeline";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await channel.GetAsync(path)).StatusCode);
        }

        var refused = await channel.GetAsync(path);
        var otherKey = await Client(ApiFixture.OperatorKey).GetAsync(path);
        var health = await _silo.CreateClient().GetAsync("/health/live");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(2));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(2));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    public void Dispose() => _silo.Dispose();
}
