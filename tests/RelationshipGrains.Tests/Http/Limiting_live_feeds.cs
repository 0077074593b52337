using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

/// <summary>A silo of its own where a key may hold one live feed open.</summary>
public sealed class Limiting_live_feeds : IDisposable
{
    private readonly WebApplicationFactory<Program> _silo = new ApiFixture().WithWebHostBuilder(b => b.UseSetting("RateLimits:LiveFeedsPerKey", "1"));

    private async Task<HttpResponseMessage> Open(string key, CancellationToken token)
    {
        return await _silo.ClientWithKey(key).SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/customers/{Keys.Customer()}/live"),
            HttpCompletionOption.ResponseHeadersRead, token);
    }

    [Fact]
    public async Task A_key_holding_its_live_feeds_gets_429_for_one_more_while_other_keys_connect()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var first = await Open(ApiFixture.ChannelKey, cts.Token);
        using var second = await Open(ApiFixture.ChannelKey, cts.Token);
        using var otherKey = await Open(ApiFixture.OperatorKey, cts.Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    public void Dispose() => _silo.Dispose();
}
