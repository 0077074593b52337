using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using RelationshipGrains.Customers;
using RelationshipGrains.Integration.Webhooks;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Receiving_signed_webhooks(ApiFixture api)
{
    private static HttpRequestMessage Signed(string source, string body, string deliveryId, string secret = ApiFixture.InboundSecret, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/inbound/{source}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId);
        return request;
    }

    private static string Case(string customerId, string status, string? extra = null) =>
        $$"""{"customerId":"{{customerId}}","caseId":"case-1","subject":"Brake squeal","status":"{{status}}","note":null,"occurredAt":"2026-11-23T09:00:00Z"{{extra}}}""";

    private async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(string customerId)
    {
        var page = await api.ClientWithKey(ApiFixture.ChannelKey).GetFromJsonAsync<TimelinePage>($"/api/v1/customers/{customerId}/timeline?after=0", HttpJson.Options);
        return page!.Entries;
    }

    [Fact]
    public async Task A_signed_service_desk_update_reaches_the_timeline_once_however_often_it_is_resent()
    {
        var client = api.ClientWithKey(null);
        var customerId = Keys.Customer();
        var body = Case(customerId, "open");

        var first = await client.SendAsync(Signed("service-desk", body, "delivery-1"));
        var resent = await client.SendAsync(Signed("service-desk", body, "delivery-1"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        var timeline = await Poll.UntilAsync(() => TimelineAsync(customerId), t => t.Count > 0, TimeSpan.FromSeconds(30), "The case reaching the timeline");

        var entry = Assert.Single(timeline);
        Assert.Equal(TimelineEntryKind.ServiceCase, entry.Kind);
        Assert.Equal("open", entry.Status);
        Assert.Equal("Brake squeal", entry.Text);
    }

    [Fact]
    public async Task A_case_id_longer_than_its_entry_can_hold_is_refused_before_it_is_acknowledged()
    {
        var customerId = Keys.Customer();
        var body = Case(customerId, "open").Replace("\"case-1\"", $"\"{new string('c', BackOfficeUpdate.MaxSubjectIdLength + 1)}\"", StringComparison.Ordinal);

        var refused = await api.ClientWithKey(null).SendAsync(Signed("service-desk", body, "delivery-long-case"));

        // Acknowledged, it was refused by the customer grain ("case:" and the id make an entry id over 128) and lost.
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("caseId", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await TimelineAsync(customerId));
    }

    [Fact]
    public async Task On_the_in_process_bus_the_202_comes_once_the_message_is_applied()
    {
        // That bus holds messages in memory only: answered before its consumer ran, a message died with a killed silo.
        var client = api.ClientWithKey(null);
        var customerId = Keys.Customer();

        var accepted = await client.SendAsync(Signed("service-desk", Case(customerId, "open"), "delivery-applied"));
        var timeline = await TimelineAsync(customerId);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(TimelineEntryKind.ServiceCase, Assert.Single(timeline).Kind);
    }

    [Fact]
    public async Task On_the_in_process_bus_a_message_its_consumer_refuses_is_answered_with_the_refusal_not_202()
    {
        // The bus drops a message its consumer refused for good; acknowledged with 202, the ERP took it as applied.
        var chain = Keys.Customer("vc-none");
        var body = $$"""{"valueChainId":"{{chain}}","role":"maker","partnerId":"p-1","erpOrderId":"o-1","status":"shipped","note":null,"occurredAt":"2026-11-23T09:00:00Z"}""";

        var refused = await api.ClientWithKey(null).SendAsync(Signed("erp", body, "delivery-unknown-chain"));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal($"Value chain '{chain}' does not exist.", (await refused.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_captured_message_sent_again_under_a_new_delivery_id_is_applied_once()
    {
        // The delivery id is not signed: before, a replay within the five minutes a timestamp is good for, with any new
        // delivery id, was taken as another message and recorded again.
        var client = api.ClientWithKey(null);
        var customerId = Keys.Customer();
        var body = $$"""{"customerId":"{{customerId}}","network":"mastodon","text":"Loving the new cargo bike"}""";
        var signedAt = DateTimeOffset.UtcNow;

        var original = await client.SendAsync(Signed("social", body, "delivery-original", at: signedAt));
        var replayed = await client.SendAsync(Signed("social", body, "delivery-replayed", at: signedAt));
        var another = await client.SendAsync(Signed("social", body, "delivery-another", at: signedAt.AddSeconds(-1)));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], new[] { original.StatusCode, replayed.StatusCode, another.StatusCode });
        // The same words signed at another second are the sender's second message, which is kept.
        Assert.Equal(2, (await TimelineAsync(customerId)).Count);
    }

    [Fact]
    public async Task A_delivery_id_reused_for_a_different_message_is_refused_and_a_retry_signed_again_is_not()
    {
        // Named by the same delivery id, the second case took the first's message id, looked like its redelivery, and
        // was acknowledged with 202 and dropped.
        var client = api.ClientWithKey(null);
        var customerId = Keys.Customer();
        var opened = Case(customerId, "open");
        var signedAt = DateTimeOffset.UtcNow;

        var first = await client.SendAsync(Signed("service-desk", opened, "delivery-reused", at: signedAt));
        var other = await client.SendAsync(Signed("service-desk", opened.Replace("case-1", "case-2", StringComparison.Ordinal), "delivery-reused", at: signedAt));
        var retried = await client.SendAsync(Signed("service-desk", opened, "delivery-reused", at: signedAt.AddSeconds(-2)));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict, HttpStatusCode.Accepted], new[] { first.StatusCode, other.StatusCode, retried.StatusCode });
        Assert.Contains("Delivery id 'delivery-reused' came with a different message", (await other.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["case:case-1"], (await TimelineAsync(customerId)).Select(e => e.EntryId));

        // Without occurredAt, which the time of receipt fills in: a retry, received later, is still the same message.
        var mention = $$"""{"customerId":"{{customerId}}","network":"mastodon","text":"Where is my parcel?"}""";
        var sent = await client.SendAsync(Signed("social", mention, "delivery-no-time", at: signedAt));
        var again = await client.SendAsync(Signed("social", mention, "delivery-no-time", at: signedAt.AddSeconds(-3)));
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (sent.StatusCode, again.StatusCode));
        Assert.Equal(2, (await TimelineAsync(customerId)).Count);
    }

    [Fact]
    public async Task A_wrong_signature_a_stale_timestamp_or_an_unknown_source_is_refused_and_changes_nothing()
    {
        var client = api.ClientWithKey(null);
        var customerId = Keys.Customer();
        var body = Case(customerId, "open");

        var forged = await client.SendAsync(Signed("service-desk", body, "d-1", secret: "not-the-secret-0123456789abcdef0123"));
        var stale = await client.SendAsync(Signed("service-desk", body, "d-2", at: DateTimeOffset.UtcNow.AddMinutes(-10)));
        var unknown = await client.SendAsync(Signed("payroll", body, "d-3"));
        var tampered = Signed("service-desk", body, "d-4");
        tampered.Content = new StringContent(Case(customerId, "closed"), Encoding.UTF8, "application/json");
        var altered = await client.SendAsync(tampered);
        var withKey = await api.ClientWithKey(ApiFixture.OperatorKey).PostAsync("/api/v1/inbound/service-desk", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            new[] { forged.StatusCode, stale.StatusCode, unknown.StatusCode, altered.StatusCode, withKey.StatusCode });
        Assert.Empty(await TimelineAsync(customerId));
    }

    [Fact]
    public async Task A_timestamp_that_is_not_unix_seconds_is_refused_saying_so_not_as_a_bad_signature()
    {
        var customerId = Keys.Customer();
        var request = Signed("service-desk", Case(customerId, "open"), "d-iso");
        request.Headers.Remove(WebhookSignature.TimestampHeader);
        request.Headers.Add(WebhookSignature.TimestampHeader, "2026-12-04T12:00:00Z");

        var response = await api.ClientWithKey(null).SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"{WebhookSignature.TimestampHeader} must be the Unix time in seconds at which the message was signed (such as 1767225600), not '2026-12-04T12:00:00Z'.",
            (await response.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Empty(await TimelineAsync(customerId));
    }

    [Theory]
    [InlineData("service-desk", "status", """{"customerId":"c-1","caseId":"case-1","subject":"Hi","status":"exploded","note":null,"occurredAt":"2026-11-23T09:00:00Z"}""")]
    [InlineData("service-desk", "customerId", """{"customerId":"NOT VALID","caseId":"case-1","subject":"Hi","status":"open","note":null,"occurredAt":"2026-11-23T09:00:00Z"}""")]
    [InlineData("service-desk", "priority", """{"customerId":"c-1","caseId":"case-1","subject":"Hi","status":"open","note":null,"occurredAt":"2026-11-23T09:00:00Z","priority":"high"}""")]
    [InlineData("social", "url", """{"customerId":"c-1","network":"mastodon","text":"hi","url":"javascript:alert(1)","topic":null,"occurredAt":"2026-11-23T09:00:00Z"}""")]
    [InlineData("erp", "status", """{"valueChainId":"vc-1","role":"maker","partnerId":"p-1","erpOrderId":"o-1","status":"pending","note":null,"occurredAt":"2026-11-23T09:00:00Z"}""")]
    [InlineData("social", "occurredAt", """{"customerId":"c-1","network":"mastodon","text":"hi","occurredAt":"0001-01-01T00:00:00+00:00"}""")]
    [InlineData("marketing", "occurredAt", """{"customerId":"c-1","campaignId":"spring","channel":"email","text":"hi","status":"sent","occurredAt":"2999-01-01T00:00:00Z"}""")]
    public async Task A_signed_message_with_bad_content_is_refused_naming_the_field(string source, string field, string body)
    {
        var response = await api.ClientWithKey(null).SendAsync(Signed(source, body, Guid.NewGuid().ToString("N")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.ProblemAsync()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_message_says_when_it_happened_or_is_stamped_with_its_receipt()
    {
        var client = api.ClientWithKey(null);
        var (dated, undated) = (Keys.Customer(), Keys.Customer());
        var before = DateTimeOffset.UtcNow;

        var first = await client.SendAsync(Signed("service-desk", Case(dated, "open"), Guid.NewGuid().ToString("N")));
        var second = await client.SendAsync(Signed("social", $$"""{"customerId":"{{undated}}","network":"mastodon","text":"Nice bikes"}""", Guid.NewGuid().ToString("N")));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted], new[] { first.StatusCode, second.StatusCode });
        var datedEntry = Assert.Single(await Poll.UntilAsync(() => TimelineAsync(dated), t => t.Count > 0, TimeSpan.FromSeconds(30), "The case reaching the timeline"));
        var undatedEntry = Assert.Single(await Poll.UntilAsync(() => TimelineAsync(undated), t => t.Count > 0, TimeSpan.FromSeconds(30), "The mention reaching the timeline"));
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T09:00:00Z", CultureInfo.InvariantCulture), datedEntry.OccurredAt);
        Assert.InRange(undatedEntry.OccurredAt, before, undatedEntry.RecordedAt);
    }
}
