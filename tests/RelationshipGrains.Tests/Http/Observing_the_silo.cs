using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

/// <summary>What operations watch: the Prometheus scrape, the Orleans dashboard and readiness, per dependency.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class Observing_the_silo(ApiFixture api)
{
    private readonly HttpClient _operator = api.ClientWithKey(ApiFixture.OperatorKey);

    [Fact]
    public async Task The_metrics_scrape_is_for_operators_and_counts_recorded_interactions()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWithKey(null).GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientWithKey(ApiFixture.ChannelKey).GetAsync("/metrics")).StatusCode);

        var before = await RecordedAsync();
        var customer = Keys.Customer();
        var channel = api.ClientWithKey(ApiFixture.ChannelKey);
        foreach (var id in new[] { "m-1", "m-2" })
        {
            var body = $$"""{"interactionId":"{{id}}","channel":"chat","direction":"inbound","author":{"kind":"customer"},"text":"Hi"}""";
            Assert.Equal(HttpStatusCode.Created, (await channel.PostAsync($"/api/v1/customers/{customer}/interactions",
                new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);
        }

        var after = await Poll.UntilAsync(RecordedAsync, n => n >= before + 2, TimeSpan.FromSeconds(10), "the interactions counter rising by 2");
        Assert.True(after >= before + 2);
        // Orleans' and ASP.NET Core's meters are per host, and this test process holds several hosts whose providers may
        // each keep another's; Silo/Scraping_a_silo_process checks them where a silo has one host.
        var scrape = await _operator.GetStringAsync("/metrics");
        Assert.Contains("relationshipgrains_outbox_pending", scrape);

        // The embedded silo hands the interactions' events to our adapters without the bus: its own consume metrics.
        scrape = await Poll.UntilAsync(() => _operator.GetStringAsync("/metrics"), s => s.Contains("relationshipgrains_integration_consumed_total{", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the adapters' consumed events in the scrape");
        Assert.Contains("relationshipgrains_integration_consume_duration_seconds_bucket{", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_orleans_dashboard_is_for_operators()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWithKey(null).GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientWithKey(ApiFixture.ChannelKey).GetAsync("/dashboard/")).StatusCode);
        var page = await _operator.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Orleans Dashboard", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_browser_signs_in_to_the_dashboard_with_the_key_as_basic_password_and_nowhere_else()
    {
        var anonymous = await api.ClientWithKey(null).GetAsync("/dashboard/");
        Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString());

        var browser = api.CreateClient();
        browser.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"ops:{ApiFixture.OperatorKey}")));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync($"/api/v1/customers/{Keys.Customer()}/timeline")).StatusCode);

        browser.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"ops:{ApiFixture.ChannelKey}")));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task Readiness_names_each_dependency_it_checked()
    {
        var ready = await api.ClientWithKey(null).GetAsync("/health/ready");
        var text = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.StartsWith("Healthy", text);
        foreach (var check in new[] { "grain-storage", "cluster-membership", "masstransit-bus", "orleans" })
        {
            Assert.Contains($"{check}: Healthy", text);
        }

        // What each check found (silo addresses, storage names) is for operators; the probe needs no key.
        Assert.DoesNotContain("The cluster answers grain calls.", text, StringComparison.Ordinal);
        var detailed = await (await api.ClientWithKey(ApiFixture.OperatorKey).GetAsync("/health/ready")).Content.ReadAsStringAsync();
        Assert.Contains("orleans: Healthy The cluster answers grain calls.", detailed, StringComparison.Ordinal);
    }

    private async Task<double> RecordedAsync()
    {
        var scrape = await _operator.GetStringAsync("/metrics");
        var match = Counter().Match(scrape);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : -scrape.Split('\n').Count(l => l.StartsWith("# TYPE", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^relationshipgrains_interactions_recorded_total\{[^}]*\} (\S+)", RegexOptions.Multiline)]
    private static partial Regex Counter();
}
