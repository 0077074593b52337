using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RelationshipGrains.Api.Auth;

namespace RelationshipGrains.IntegrationTests.Silo;

/// <summary>
/// The embedded default as a user runs it: killed with SIGKILL and started again on its data folder, it has lost
/// nothing acknowledged, and the back office (here the BI report) gets every event of it exactly once.
/// </summary>
public sealed class Restarting_the_embedded_silo_after_kill
{
    private const int Interactions = 300;

    [Fact]
    public async Task Every_acknowledged_change_is_there_after_kill_9()
    {
        var logs = Path.Combine(Repository.Root(), "artifacts", "silo-logs");
        Directory.CreateDirectory(logs);
        var data = Path.Combine(logs, $"embedded-data-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string>
        {
            ["Silo__Profile"] = "Embedded",
            ["Storage__Directory"] = data,
            // One customer takes all the interactions here, past the 120 a minute a real one may record.
            ["Timeline__InteractionsPerMinute"] = "100000",
        };
        var customer = $"kill-{Guid.NewGuid():N}"[..20];
        var acknowledged = new List<string>();

        await using (var first = SiloProcess.Start("embedded-first", environment, logs))
        {
            await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            using var http = Client(first);
            using var operators = Client(first, ApiKeyOptions.DevelopmentOperatorKey);
            Assert.True((await operators.PutAsync("/api/v1/partners/velo-works", Json("""{"name":"Velo Works","categories":["bikes"]}"""))).IsSuccessStatusCode);
            Assert.True((await http.PutAsync($"/api/v1/customers/{customer}", Json("""{"displayName":"Kim Kill"}"""))).IsSuccessStatusCode);
            Assert.True((await http.PutAsync($"/api/v1/customers/{customer}/consents/velo-works", Json("""{"scopes":["profile"]}"""))).IsSuccessStatusCode);
            for (var i = 1; i <= Interactions; i++)
            {
                var response = await http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(
                    $$"""{"interactionId":"k-{{i}}","channel":"web","direction":"inbound","author":{"kind":"customer"},"text":"message {{i}}"}"""));
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
                acknowledged.Add($"k-{i}");
            }

            // The banner tells a channel app's developer where the grain client connects.
            Assert.Contains($"Grain client gateway: 127.0.0.1:{first.GatewayPort} (cluster id relationship-grains;", File.ReadAllText(first.LogPath));
            first.Kill();
        }

        await using var second = SiloProcess.Start("embedded-second", environment, logs);
        await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        // The kill came right after the last answer, while the BI consumer's last batch (200 ms) still held events
        // handed over in process; the customer's journal kept them, and its outbox's wake-up reminder (kept in the data
        // folder, due within its one-minute period) brings the customer back to publish them before anyone calls it.
        using var operators2 = Client(second, ApiKeyOptions.DevelopmentOperatorKey);
        var counted = await Poll.UntilAsync(async () => WebInteractions(await operators2.GetFromJsonAsync<JsonElement>("/api/v1/reports/relationships")),
            c => c >= Interactions, TimeSpan.FromSeconds(150), $"the BI report counting all {Interactions} web interactions, with nobody calling the customer");

        using var again = Client(second);
        var profile = await again.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}");
        var consents = await again.GetStringAsync($"/api/v1/customers/{customer}/consents");
        List<string> ids = [];
        long after = 0;
        while (true)
        {
            var page = await again.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}/timeline?after={after}&limit=200");
            var entries = page.GetProperty("entries").EnumerateArray().ToList();
            if (entries.Count == 0)
            {
                break;
            }

            ids.AddRange(entries.Select(e => e.GetProperty("entryId").GetString()!).Where(id => id.StartsWith("k-", StringComparison.Ordinal)));
            after = entries[^1].GetProperty("sequence").GetInt64();
        }

        Assert.Equal("Kim Kill", profile.GetProperty("displayName").GetString());
        Assert.Contains("velo-works", consents, StringComparison.Ordinal);
        Assert.Equal(acknowledged, ids);

        // Republished events the report had already counted must not count twice; a second count would arrive with
        // the consumer's next batch, well within this second.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(Interactions, WebInteractions(await operators2.GetFromJsonAsync<JsonElement>("/api/v1/reports/relationships")));
        Assert.Equal(Interactions, counted);

        // And once handled, they leave the outbox: nothing waits for consumers that have finished.
        await Poll.UntilAsync(async () => OutboxPending(await operators2.GetStringAsync("/metrics")), n => n == 0,
            TimeSpan.FromSeconds(10), "the outbox emptying once the consumers have handled its events");
    }

    /// <summary>The pending-events gauge of the scrape; NaN (never 0) when the scrape does not have it.</summary>
    private static double OutboxPending(string scrape)
    {
        var samples = scrape.Split('\n').Where(l => l.StartsWith("relationshipgrains_outbox_pending", StringComparison.Ordinal)).ToList();
        return samples.Count == 0
            ? double.NaN
            : samples.Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static long WebInteractions(JsonElement report) =>
        report.GetProperty("interactionsPerChannelPerDay").EnumerateArray()
            .Where(d => d.GetProperty("channel").GetString() == "web").Sum(d => d.GetProperty("count").GetInt64());

    private static HttpClient Client(SiloProcess silo, string key = ApiKeyOptions.DevelopmentChannelKey)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
