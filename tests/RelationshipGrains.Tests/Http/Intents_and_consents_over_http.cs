using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Customers;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Intents_and_consents_over_http(ApiFixture api)
{
    private readonly HttpClient _http = api.ClientWithKey(ApiFixture.ChannelKey);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_value_outside_an_enum_is_400_listing_the_values_it_may_take()
    {
        var customer = Keys.Customer();

        var response = await _http.PutAsync($"/api/v1/customers/{customer}/consents/anyone", Json("""{"scopes":["everything"]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal("'scopes[0]' must be one of: profile, conversation, intents.", problem.GetProperty("detail").GetString());
        Assert.Equal("scopes[0]", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_intent_is_expressed_listed_and_withdrawn()
    {
        var customer = Keys.Customer();

        var created = await _http.PostAsync($"/api/v1/customers/{customer}/intents",
            Json("""{"intentId":"bike","text":"A cargo bike","category":"bikes","budget":{"amount":3000,"currency":"EUR"}}"""));
        var open = await _http.GetFromJsonAsync<List<Intent>>($"/api/v1/customers/{customer}/intents", HttpJson.Options);
        var withdrawn = await _http.PostAsync($"/api/v1/customers/{customer}/intents/bike/withdraw", null);
        var afterwards = await _http.GetFromJsonAsync<List<Intent>>($"/api/v1/customers/{customer}/intents", HttpJson.Options);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(3000m, Assert.Single(open!).Budget!.Amount);
        Assert.Equal(IntentStatus.Withdrawn, (await withdrawn.ReadAsync<Intent>())!.Status);
        Assert.Empty(afterwards!);
    }

    [Fact]
    public async Task Withdrawing_an_unknown_intent_is_404()
    {
        var response = await _http.PostAsync($"/api/v1/customers/{Keys.Customer()}/intents/nothing/withdraw", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_consent_is_granted_listed_and_revoked()
    {
        var customer = Keys.Customer();
        var velo = await new PartnerWorld(api.Services.GetRequiredService<IGrainFactory>()).Partner("velo");

        var granted = await _http.PutAsync($"/api/v1/customers/{customer}/consents/{velo}", Json("""{"scopes":["profile","intents"]}"""));
        var listed = await _http.GetFromJsonAsync<List<ConsentGrant>>($"/api/v1/customers/{customer}/consents", HttpJson.Options);
        var revoked = await _http.DeleteAsync($"/api/v1/customers/{customer}/consents/{velo}");
        var revokedAgain = await _http.DeleteAsync($"/api/v1/customers/{customer}/consents/{velo}");

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal([ConsentScope.Profile, ConsentScope.Intents], Assert.Single(listed!).Scopes);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revokedAgain.StatusCode);
    }

    [Fact]
    public async Task A_consent_to_a_partner_no_one_registered_is_404_naming_it()
    {
        var customer = Keys.Customer();

        var response = await _http.PutAsync($"/api/v1/customers/{customer}/consents/nobody-registered", Json("""{"scopes":["profile"]}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nobody-registered", (await response.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await _http.GetFromJsonAsync<List<ConsentGrant>>($"/api/v1/customers/{customer}/consents", HttpJson.Options))!);
    }

    [Fact]
    public async Task A_consent_with_an_unknown_scope_is_400_naming_it()
    {
        var response = await _http.PutAsync($"/api/v1/customers/{Keys.Customer()}/consents/velo-works", Json("""{"scopes":["everything"]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("scopes", (await response.ProblemAsync()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_values_profile_round_trips()
    {
        var customer = Keys.Customer();

        var put = await _http.PutAsync($"/api/v1/customers/{customer}/values", Json("""{"weights":{"sustainability":0.8,"price":0.3}}"""));
        var read = await _http.GetFromJsonAsync<ValuesProfile>($"/api/v1/customers/{customer}/values", HttpJson.Options);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(0.8, read!.Weights!["sustainability"]);
    }
}
