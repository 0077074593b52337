using System.Net.Http.Headers;
using System.Text;
using RelationshipGrains.Api.Auth;

namespace RelationshipGrains.IntegrationTests.Silo;

/// <summary>
/// The metrics scrape of a silo running as its own process, where Orleans' and ASP.NET Core's per-host meters are the
/// only ones of their name (a test process holding several hosts cannot show them reliably).
/// </summary>
public sealed class Scraping_a_silo_process
{
    [Fact]
    public async Task The_scrape_carries_orleans_aspnet_core_and_relationship_metrics()
    {
        var logs = Path.Combine(Repository.Root(), "artifacts", "silo-logs");
        Directory.CreateDirectory(logs);
        await using var silo = SiloProcess.Start($"scrape-{Guid.NewGuid():N}"[..15], new Dictionary<string, string> { ["Silo__Profile"] = "Embedded" }, logs);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeyOptions.DevelopmentOperatorKey);
        var recorded = await http.PostAsync("/api/v1/customers/scraped/interactions", new StringContent(
            """{"interactionId":"one","channel":"web","direction":"inbound","author":{"kind":"customer"},"text":"Hello"}""", Encoding.UTF8, "application/json"));
        Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());

        // Each meter shows up once it has measured something; the interaction above gives all three something.
        var scrape = await Poll.UntilAsync(() => http.GetStringAsync("/metrics"),
            text => text.Contains("orleans_", StringComparison.Ordinal) && text.Contains("http_server_request_duration", StringComparison.Ordinal)
                && text.Contains("relationshipgrains_interactions_recorded", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "Orleans', ASP.NET Core's and our metrics in the scrape");

        Assert.Contains("relationshipgrains_interactions_recorded", scrape);
    }
}
