using System.Net;
using System.Text;
using System.Text.Json;
using RelationshipGrains.Customers;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Following_the_live_feed_over_sse(ApiFixture api)
{
    private readonly HttpClient _http = api.ClientWithKey(ApiFixture.ChannelKey);

    private Task<HttpResponseMessage> Record(string customer, string id) => _http.PostAsync($"/api/v1/customers/{customer}/interactions",
        new StringContent($$"""{"interactionId":"{{id}}","channel":"web","direction":"inbound","author":{"kind":"customer"},"text":"{{id}}"}""",
            Encoding.UTF8, "application/json"));

    private async Task<(HttpResponseMessage Response, StreamReader Reader)> Open(string customer, string? lastEventId, CancellationToken token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/customers/{customer}/live");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync(token)));
    }

    /// <summary>Reads one server-sent event: its id, type and the entry in its data.</summary>
    private static async Task<(string Id, string Type, TimelineEntry Entry)> NextEvent(StreamReader reader, CancellationToken token)
    {
        string? id = null, type = null, data = null;
        while (await reader.ReadLineAsync(token) is { } line)
        {
            if (line.Length == 0 && data is not null)
            {
                return (id!, type!, JsonSerializer.Deserialize<TimelineEntry>(data, HttpJson.Options)!);
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
        }

        throw new EndOfStreamException("The live feed ended.");
    }

    [Fact]
    public async Task A_feed_open_when_the_customer_is_erased_ends_and_resuming_by_its_last_id_is_a_conflict()
    {
        var customer = Keys.Customer();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Record(customer, "first");
        await Record(customer, "second");
        var (response, reader) = await Open(customer, null, cts.Token);
        using (response)
        {
            Assert.Equal("1", (await NextEvent(reader, cts.Token)).Id);
            Assert.Equal("2", (await NextEvent(reader, cts.Token)).Id);

            var erased = await api.ClientWithKey(ApiFixture.OperatorKey).DeleteAsync($"/api/v1/customers/{customer}", cts.Token);
            await Record(customer, "back");

            // Subscribed again after 2, the feed would have waited for a third entry and skipped "back", the new 1.
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
            await Assert.ThrowsAsync<EndOfStreamException>(() => NextEvent(reader, cts.Token));
        }

        var (resumed, _) = await Open(customer, "2", cts.Token);
        using (resumed)
        {
            Assert.Equal(HttpStatusCode.Conflict, resumed.StatusCode);
            Assert.Contains("after=0", await resumed.Content.ReadAsStringAsync(cts.Token), StringComparison.Ordinal);
        }

        var (fromStart, again) = await Open(customer, "0", cts.Token);
        using (fromStart)
        {
            var back = await NextEvent(again, cts.Token);
            Assert.Equal(("1", "back"), (back.Id, back.Entry.EntryId));
        }
    }

    [Fact]
    public async Task New_entries_arrive_as_events_whose_ids_are_their_sequences()
    {
        var customer = Keys.Customer();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (response, reader) = await Open(customer, null, cts.Token);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            await Record(customer, "first");
            await Record(customer, "second");

            var one = await NextEvent(reader, cts.Token);
            var two = await NextEvent(reader, cts.Token);

            Assert.Equal(("1", "timeline-entry", "first"), (one.Id, one.Type, one.Entry.EntryId));
            Assert.Equal(("2", "second"), (two.Id, two.Entry.EntryId));
        }
    }

    [Fact]
    public async Task Reconnecting_with_last_event_id_resumes_with_the_next_entry()
    {
        var customer = Keys.Customer();
        for (var i = 1; i <= 3; i++)
        {
            await Record(customer, $"r-{i}");
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (response, reader) = await Open(customer, "1", cts.Token);
        using (response)
        {
            var next = await NextEvent(reader, cts.Token);
            var after = await NextEvent(reader, cts.Token);

            Assert.Equal(["2", "3"], [next.Id, after.Id]);
        }
    }

    [Fact]
    public async Task A_malformed_last_event_id_is_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/customers/{Keys.Customer()}/live");
        request.Headers.Add("Last-Event-ID", "yesterday");

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Last-Event-ID", (await response.ProblemAsync()).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("Last-Event-ID", "9223372036854775807")]
    [InlineData("Last-Event-ID", "2")]
    [InlineData("after", "2")]
    public async Task Resuming_a_community_feed_past_its_latest_event_is_400_at_once_and_replays_nothing(string field, string value)
    {
        // Before, long.MaxValue + 1 wrapped round and the whole feed was replayed; a smaller number waited for good.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var world = new HttpWorld(api);
        var community = $"/api/v1/communities/{Keys.Customer("feed")}";
        await HttpWorld.Ok(world.Operator.PutAsync(community, System.Net.Http.Json.JsonContent.Create(new { name = "Feed", topics = new[] { "x" } })));
        await HttpWorld.Ok(HttpWorld.Post(world.Channel, $"{community}/members", new { customerId = Keys.Customer("m") }));
        var request = new HttpRequestMessage(HttpMethod.Get, field == "after" ? $"{community}/live?after={value}" : $"{community}/live");
        if (field != "after")
        {
            request.Headers.Add(field, value);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bound.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal($"{field} {value} is past the feed's latest event, 1.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_live_feed_of_a_community_that_does_not_exist_is_404_at_once()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var response = await _http.GetAsync($"/api/v1/communities/{Keys.Customer("nowhere")}/live", HttpCompletionOption.ResponseHeadersRead, bound.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.EndsWith("' does not exist.", (await response.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
