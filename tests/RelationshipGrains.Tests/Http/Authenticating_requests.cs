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
    [InlineData(null)]
    [InlineData("not-a-known-key-at-all")]
    public async Task A_customer_route_without_a_valid_key_is_401_problem_details(string? key)
    {
        var response = await api.ClientWithKey(key).GetAsync($"/api/v1/customers/{Keys.Customer()}/timeline");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_partner_key_may_not_read_customer_conversations()
    {
        var response = await api.ClientWithKey(ApiFixture.PartnerKey).GetAsync($"/api/v1/customers/{Keys.Customer()}/timeline");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
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

        Assert.Contains("/api/v1/customers/{id}/interactions", document);
        Assert.Contains("/api/v1/customers/{id}/live", document);
    }
}
