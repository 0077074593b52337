using System.Net;
using System.Net.Http.Json;
using System.Text;
using RelationshipGrains.Customers;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Recording_over_http(ApiFixture api)
{
    private readonly HttpClient _http = api.ClientWithKey(ApiFixture.ChannelKey);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private const string Hello = """{"interactionId":"h-1","channel":"chat","direction":"inbound","author":{"kind":"customer"},"text":"Hello"}""";

    private async Task<long> LatestSequence(string customer) =>
        (await (await _http.GetAsync($"/api/v1/customers/{customer}/timeline")).ReadAsync<TimelinePage>())!.LatestSequence;

    [Fact]
    public async Task The_first_post_is_201_and_a_retry_is_200_with_the_same_body()
    {
        var customer = Keys.Customer();

        var first = await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(Hello));
        var retry = await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(Hello));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.NotNull(first.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await LatestSequence(customer));
    }

    [Theory]
    [InlineData("""{"interactionId":"x","channel":"chat","direction":"inbound","author":{"kind":"customer"},"text":"Hi","mood":"happy"}""", "mood")]
    [InlineData("""{"interactionId":"x","channel":"fax","direction":"inbound","author":{"kind":"customer"},"text":"Hi"}""", "channel")]
    [InlineData("""{"interactionId":"x","channel":"chat","direction":"inbound","author":{"kind":"customer"}}""", "text")]
    [InlineData("""{"interactionId":"x","channel":"chat","direction":"inbound","author":{"kind":"staff"},"text":"Hi"}""", "author.id")]
    [InlineData("""{"interactionId":"x","channel":1,"direction":"inbound","author":{"kind":"customer"},"text":"Hi"}""", "channel")]
    [InlineData("""{"interactionId":"x",""", "body")]
    public async Task Bad_input_is_400_problem_details_naming_the_field_and_records_nothing(string body, string field)
    {
        var customer = Keys.Customer();

        var response = await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, (await response.ProblemAsync()).GetProperty("field").GetString());
        Assert.Equal(0, await LatestSequence(customer));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task A_post_without_a_body_is_400_saying_so_in_the_api_s_terms(string body)
    {
        var customer = Keys.Customer();

        var response = await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal("body", problem.GetProperty("field").GetString());
        Assert.Equal("The request needs a JSON body.", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await LatestSequence(customer));
    }

    [Theory]
    [InlineData("limit=abc", "limit", "limit must be a whole number; \"abc\" is not.")]
    [InlineData("limit=20&before=soon", "before", "before must be a whole number; \"soon\" is not.")]
    public async Task A_query_value_of_the_wrong_kind_is_400_naming_it_in_plain_words(string query, string field, string detail)
    {
        var customer = Keys.Customer();
        await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(Hello));

        var response = await _http.GetAsync($"/api/v1/customers/{customer}/timeline?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal((field, detail), (problem.GetProperty("field").GetString(), problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_field_sent_twice_is_400_naming_it_and_records_nothing()
    {
        var customer = Keys.Customer();
        var body = Hello.Replace("{", "{\"interactionId\":\"first\",");

        var response = await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(body));

        // The last one won before: two readers of the same body could act on different ids.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(("interactionId", "'interactionId' appears more than once in the body; send each field once."),
            (problem.GetProperty("field").GetString(), problem.GetProperty("detail").GetString()));
        Assert.Equal(0, await LatestSequence(customer));
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_415_saying_to_send_json_and_records_nothing()
    {
        var customer = Keys.Customer();
        var content = Json(Hello);
        content.Headers.ContentType = null;

        var response = await _http.PostAsync($"/api/v1/customers/{customer}/interactions", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("The body must be JSON, sent with 'Content-Type: application/json'.", (await response.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, await LatestSequence(customer));
    }

    [Theory]
    [InlineData(40, "channel", "The body nests deeper than 16 levels at 'channel', more than any request of this API needs.")]
    [InlineData(16, "text", "The body nests deeper than 16 levels at 'text', more than any request of this API needs.")]
    [InlineData(15, "text", "'text' has the wrong type or a value that is not allowed.")]
    public async Task Json_nested_deeper_than_16_levels_is_400_naming_the_limit_and_records_nothing(int depth, string field, string detail)
    {
        var customer = Keys.Customer();
        var nested = new string('[', depth) + new string(']', depth);
        var body = field == "channel" ? Hello.Replace("\"chat\"", nested) : Hello.Replace("\"Hello\"", nested);

        var response = await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal((field, detail), (problem.GetProperty("field").GetString(), problem.GetProperty("detail").GetString()));
        Assert.Equal(0, await LatestSequence(customer));
    }

    [Theory]
    [InlineData("[]", "The request body must be a JSON object.")]
    [InlineData("\"hello\"", "The request body must be a JSON object.")]
    [InlineData("{\"interactionId\":", "The request body is not valid JSON (line 1, byte 18).")]
    public async Task A_body_that_is_not_a_json_object_is_400_saying_which_it_is(string body, string detail)
    {
        var customer = Keys.Customer();

        var response = await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(("body", detail), (problem.GetProperty("field").GetString(), problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_records_nothing()
    {
        var customer = Keys.Customer();
        var body = Hello.Replace("\"Hello\"", $"\"{new string('x', 70_000)}\"");

        var response = await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await LatestSequence(customer));
    }

    [Fact]
    public async Task A_body_that_is_not_sent_as_json_is_415_saying_what_to_send()
    {
        var customer = Keys.Customer();

        var response = await _http.PostAsync($"/api/v1/customers/{customer}/interactions", new StringContent(Hello, System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("The body must be JSON, sent with 'Content-Type: application/json', not 'text/plain; charset=utf-8'.",
            (await response.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, await LatestSequence(customer));
    }

    [Theory]
    [InlineData("/api/v1/customers/Not%20Valid/timeline", "customerId")]
    [InlineData("/api/v1/customers/ok/timeline?limit=500", "limit")]
    [InlineData("/api/v1/customers/ok/timeline?limit=many", "limit")]
    [InlineData("/api/v1/customers/ok/timeline?before=0", "before")]
    public async Task Bad_query_or_route_values_are_400_naming_the_field(string path, string field)
    {
        var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.ProblemAsync()).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("status", """{"requestId":"r-1","status":"closed"}""")]
    [InlineData("idea", """{"community":"makers","actorId":"staff-1","ideaId":"lamp","title":"Lamp"}""")]
    public async Task A_sequence_that_is_not_a_number_is_400_naming_it_not_an_unknown_route(string action, string body)
    {
        var response = await _http.PostAsync($"/api/v1/customers/{Keys.Customer()}/timeline/abc/{action}", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(("sequence", "sequence must be a whole number; \"abc\" is not."), (problem.GetProperty("field").GetString(), problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_customer_over_the_per_minute_limit_gets_429_with_retry_after()
    {
        var customer = Keys.Customer();
        for (var i = 0; i < 120; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(Hello.Replace("h-1", $"f-{i}")))).StatusCode);
        }

        var refused = await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(Hello.Replace("h-1", "f-120")));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        var problem = await refused.ProblemAsync();
        Assert.Equal(("Too Many Requests", "https://www.rfc-editor.org/rfc/rfc6585#section-4"), (problem.GetProperty("title").GetString(), problem.GetProperty("type").GetString()));
        Assert.Equal(120, await LatestSequence(customer));
    }

    [Fact]
    public async Task Reusing_an_interaction_id_for_other_content_is_409()
    {
        var customer = Keys.Customer();
        await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(Hello));

        var response = await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(Hello.Replace("Hello", "Goodbye")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task The_timeline_pages_newest_first_with_before_and_oldest_first_with_after()
    {
        var customer = Keys.Customer();
        for (var i = 1; i <= 3; i++)
        {
            await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(Hello.Replace("h-1", $"h-{i}")));
        }

        var newest = await (await _http.GetAsync($"/api/v1/customers/{customer}/timeline?limit=2")).ReadAsync<TimelinePage>();
        var older = await (await _http.GetAsync($"/api/v1/customers/{customer}/timeline?before=2")).ReadAsync<TimelinePage>();
        var after = await (await _http.GetAsync($"/api/v1/customers/{customer}/timeline?after=1")).ReadAsync<TimelinePage>();

        Assert.Equal([3L, 2L], newest!.Entries.Select(e => e.Sequence));
        Assert.True(newest.HasMore);
        Assert.Equal([1L], older!.Entries.Select(e => e.Sequence));
        Assert.Equal([2L, 3L], after!.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_case_status_change_is_posted_against_its_sequence()
    {
        var customer = Keys.Customer();
        await _http.PostAsync($"/api/v1/customers/{customer}/interactions", Json(Hello.Replace("\"text\"", "\"kind\":\"service-case\",\"text\"")));

        var response = await _http.PostAsync($"/api/v1/customers/{customer}/timeline/1/status",
            Json("""{"requestId":"s-1","status":"resolved","author":{"kind":"staff","id":"agent-7"}}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entry = await response.ReadAsync<TimelineEntry>();
        Assert.Equal((TimelineEntryKind.StatusChanged, "resolved", 1L), (entry!.Kind, entry.Status, entry.RelatesTo));
    }

    [Fact]
    public async Task The_profile_is_404_until_put_and_then_read_back()
    {
        var customer = Keys.Customer();

        var missing = await _http.GetAsync($"/api/v1/customers/{customer}");
        var put = await _http.PutAsJsonAsync($"/api/v1/customers/{customer}",
            new UpdateProfile("Ada", [new ContactPoint(Channel.Email, "ada@example.org")], "en", ["vip"]), HttpJson.Options);
        var read = await (await _http.GetAsync($"/api/v1/customers/{customer}")).ReadAsync<CustomerProfile>();

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(("Ada", "en", Channel.Email), (read!.DisplayName, read.Language, read.ContactPoints[0].Channel));
    }
}
