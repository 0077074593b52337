using System.Net;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Authenticating_requests(ApiFixture api)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_answers_without_a_key(string path)
    {
        var response = await api.ClientWithKey(null).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, "This route needs a key: send 'Authorization: Bearer <api key>'.")]
    [InlineData("not-a-known-key-at-all", "The API key is not recognised.")]
    public async Task A_customer_route_without_a_valid_key_is_401_problem_details_saying_what_to_send(string? key, string detail)
    {
        var response = await api.ClientWithKey(key).GetAsync($"/api/v1/customers/{Keys.Customer()}/timeline");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, (await response.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_partner_key_may_not_read_customer_conversations_and_is_told_which_key_may()
    {
        var customer = Keys.Customer();
        var response = await api.ClientWithKey(ApiFixture.PartnerKey).GetAsync($"/api/v1/customers/{customer}/timeline");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal($"Your key (role partner) may not GET /api/v1/customers/{customer}/timeline: it takes a channel app's or an operator's key.",
            (await response.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_channel_key_asking_for_an_operator_route_is_told_it_takes_an_operator()
    {
        var customer = Keys.Customer();
        var response = await api.ClientWithKey(ApiFixture.ChannelKey).GetAsync($"/api/v1/customers/{customer}/export");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal($"Your key (role channel) may not GET /api/v1/customers/{customer}/export: it takes an operator's key or the customer's own sign-in.",
            (await response.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing", "No route matches GET /api/v1/no-such-thing; every route is listed in /openapi/v1.json.")]
    [InlineData("/api/v1/customers/nobody-at-all", "Nothing exists at /api/v1/customers/nobody-at-all; check the ids in the path.")]
    public async Task A_404_says_whether_the_route_or_the_thing_is_missing(string path, string detail)
    {
        var response = await api.ClientWithKey(ApiFixture.ChannelKey).GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(detail, (await response.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(ApiFixture.ChannelKey)]
    [InlineData(ApiFixture.OperatorKey)]
    public async Task Channel_and_operator_keys_read_customer_conversations(string key)
    {
        var response = await api.ClientWithKey(key).GetAsync($"/api/v1/customers/{Keys.Customer()}/timeline");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_customer_routes()
    {
        var document = await api.ClientWithKey(ApiFixture.ChannelKey).GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/customers/{customerId}/interactions", document);
        Assert.Contains("/api/v1/customers/{customerId}/live", document);
    }
}
