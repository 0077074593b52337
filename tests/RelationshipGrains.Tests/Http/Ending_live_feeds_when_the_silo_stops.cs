using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

/// <summary>A silo of its own: the test stops it.</summary>
public sealed class Ending_live_feeds_when_the_silo_stops : IDisposable
{
    private readonly WebApplicationFactory<Program> _silo = new ApiFixture();

    [Fact]
    public async Task An_open_live_feed_ends_as_soon_as_the_silo_begins_to_stop()
    {
        var http = _silo.ClientWithKey(ApiFixture.ChannelKey);
        var customer = Keys.Customer();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/customers/{customer}/live"),
            HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        await http.PostAsync($"/api/v1/customers/{customer}/interactions", new StringContent(
            """{"interactionId":"before-the-stop","channel":"web","direction":"inbound","author":{"kind":"customer"},"text":"Hi"}""",
            Encoding.UTF8, "application/json"), cts.Token);
        string? line;
        while ((line = await reader.ReadLineAsync(cts.Token)) is not null && !line.StartsWith("id: ", StringComparison.Ordinal))
        {
        }

        Assert.Equal("id: 1", line);

        _silo.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        // The feed used to stay open until the host's 30 s shutdown timeout cut it (and the grains not yet
        // deactivated by then were abandoned); now the stream ends, and a client resumes elsewhere by its last id.
        while ((line = await reader.ReadLineAsync(cts.Token)) is not null)
        {
            Assert.DoesNotContain("id: 2", line, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => _silo.Dispose();
}
