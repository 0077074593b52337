using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using RelationshipGrains.Tests.Http;
using RelationshipGrains.Tests.Infrastructure;
using static RelationshipGrains.Tests.Http.HttpWorld;
using static RelationshipGrains.Tests.Infrastructure.SignInFixture;

namespace RelationshipGrains.Tests.SignIn;

[Collection(SignInCollection.Name)]
public sealed class Signing_in_as_staff(SignInFixture signIn)
{
    [Fact]
    public async Task A_signed_in_person_is_known_by_the_providers_subject_name_and_mapped_role()
    {
        using var agent = await signIn.SignedIn(Agent);
        using var supervisor = await signIn.SignedIn(Supervisor);

        var me = await Ok(agent.GetAsync("/api/v1/me"));
        var boss = await Ok(supervisor.GetAsync("/api/v1/me"));

        Assert.Equal("Ada Agent", me.GetProperty("name").GetString());
        Assert.Equal(Agent.Subject, me.GetProperty("subject").GetString());
        Assert.Equal("channel", me.GetProperty("role").GetString());
        Assert.Equal("operator", boss.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Keys_still_serve_machines_beside_sign_in()
    {
        var me = await Ok(signIn.Api.ClientWithKey(ApiFixture.ChannelKey).GetAsync("/api/v1/me"));

        Assert.Equal("channel", me.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("subject").ValueKind);
    }

    [Fact]
    public async Task A_staff_entry_records_the_signed_in_person_whatever_the_body_says()
    {
        using var agent = await signIn.SignedIn(Agent);
        var customer = Keys.Customer("signed");

        var claimed = await Ok(Post(agent, $"/api/v1/customers/{customer}/interactions", Interaction("a", new { kind = "staff", id = "someone-else" })), HttpStatusCode.Created);
        var unstated = await Ok(Post(agent, $"/api/v1/customers/{customer}/interactions", Interaction("b", null)), HttpStatusCode.Created);
        var customers = await Ok(Post(agent, $"/api/v1/customers/{customer}/interactions", Interaction("c", new { kind = "customer" })), HttpStatusCode.Created);

        foreach (var entry in new[] { claimed, unstated })
        {
            var author = entry.GetProperty("author");
            Assert.Equal("staff", author.GetProperty("kind").GetString());
            Assert.Equal(Agent.Subject, author.GetProperty("id").GetString());
            Assert.Equal("Ada Agent", author.GetProperty("name").GetString());
        }

        Assert.Equal("customer", customers.GetProperty("author").GetProperty("kind").GetString());
        var timeline = await Ok(agent.GetAsync($"/api/v1/customers/{customer}/timeline"));
        var stored = timeline.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("entryId").GetString()!, e => e.GetProperty("author"));
        Assert.Equal(["a", "b", "c"], stored.Keys.Order());
        Assert.Equal(Agent.Subject, stored["a"].GetProperty("id").GetString());
        Assert.Equal("Ada Agent", stored["b"].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_status_change_is_attributed_to_the_signed_in_person()
    {
        using var agent = await signIn.SignedIn(Agent);
        var customer = Keys.Customer("case");
        var opened = await Ok(Post(signIn.Api.ClientWithKey(ApiFixture.ChannelKey), $"/api/v1/customers/{customer}/interactions",
            new { interactionId = "case-1", kind = "service-case", channel = "phone", direction = "inbound", author = new { kind = "customer" }, text = "Broken" }),
            HttpStatusCode.Created);

        var change = await Ok(Post(agent, $"/api/v1/customers/{customer}/timeline/{opened.GetProperty("sequence").GetInt64()}/status",
            new { requestId = "move-1", status = "pending", author = new { kind = "staff", id = "typed-by-the-app" } }), HttpStatusCode.Created);

        Assert.Equal(Agent.Subject, change.GetProperty("author").GetProperty("id").GetString());
        Assert.Equal("Ada Agent", change.GetProperty("author").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_key_cannot_pass_an_entry_off_as_a_signed_in_persons()
    {
        var customer = Keys.Customer("forged");

        var forged = await Post(signIn.Api.ClientWithKey(ApiFixture.ChannelKey), $"/api/v1/customers/{customer}/interactions",
            Interaction("forged", new { kind = "staff", id = Agent.Subject, name = "Ada Agent" }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("author.name", (await forged.ProblemAsync()).GetProperty("field").GetString());
        Assert.Equal(0, (await Ok(signIn.Api.ClientWithKey(ApiFixture.ChannelKey).GetAsync($"/api/v1/customers/{customer}/timeline")))
            .GetProperty("latestSequence").GetInt64());
    }

    [Fact]
    public async Task A_sign_in_that_carries_a_customer_id_grants_no_staff_role_whatever_its_groups()
    {
        using var mixed = await signIn.SignedIn(Mixed);

        var cluster = await mixed.GetAsync("/api/v1/operations/cluster");

        Assert.Equal(HttpStatusCode.Forbidden, cluster.StatusCode);
        Assert.Equal("", (await Ok(mixed.GetAsync("/api/v1/me"))).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Roles_come_from_the_providers_groups_as_configured()
    {
        using var agent = await signIn.SignedIn(Agent);
        using var supervisor = await signIn.SignedIn(Supervisor);
        using var marketer = await signIn.SignedIn(Marketer);

        var refused = await agent.GetAsync("/api/v1/operations/cluster");
        var roleless = await marketer.GetAsync($"/api/v1/customers/{Keys.Customer()}/timeline");

        await Ok(supervisor.GetAsync("/api/v1/operations/cluster"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Ada Agent", await Detail(refused));
        Assert.Contains("operator", await Detail(refused));
        Assert.Equal(HttpStatusCode.Forbidden, roleless.StatusCode);
        Assert.Contains("grants no staff role", await Detail(roleless));
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_says_so()
    {
        // Warm first (discovery, signing keys, the first request's JIT), so the short-lived token is spent on one call.
        using var warm = await signIn.SignedIn(Agent);
        await Ok(warm.GetAsync("/api/v1/me"));
        var token = await signIn.Provider.AccessTokenAsync(Brief);
        using var brief = signIn.ClientFor(token);
        await Ok(brief.GetAsync("/api/v1/me"));

        // The API allows no clock skew here; the token says when it ends.
        var expires = DateTimeOffset.FromUnixTimeSeconds(Payload(token).GetProperty("exp").GetInt64());
        await Task.Delay(expires - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));
        var late = await brief.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
        Assert.Contains("expired", await Detail(late));
    }

    [Fact]
    public async Task A_provider_that_cannot_be_reached_is_a_503_to_wait_out_not_a_401_to_sign_in_again()
    {
        // A provider of its own that issues a good token and then goes away, before this silo ever read its keys.
        var provider = await IdentityProvider.TestIdentityProvider.StartAsync([Agent]);
        var token = await provider.AccessTokenAsync(Agent);
        await using var cut = new ApiFixture();
        cut.Settings["Auth:SignIn:Authority"] = provider.Issuer;
        cut.Settings["Auth:SignIn:RequireHttpsMetadata"] = "false";
        await provider.DisposeAsync();

        var answer = await cut.ClientWithKey(token).GetAsync("/api/v1/me");

        Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        Assert.Equal(TimeSpan.FromSeconds(30), answer.Headers.RetryAfter?.Delta);
        Assert.Contains("cannot be reached", (await answer.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await cut.ClientWithKey(ApiFixture.ChannelKey).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var token = await signIn.Provider.AccessTokenAsync(Agent);
        var parts = token.Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Decode(parts[1]))!;
        claims["roles"] = JsonSerializer.SerializeToElement(new[] { "crm-operators" });
        var forged = $"{parts[0]}.{Encode(JsonSerializer.Serialize(claims))}.{parts[2]}";

        var answer = await signIn.ClientFor(forged).GetAsync("/api/v1/operations/cluster");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("signature", await Detail(answer));
    }

    [Fact]
    public async Task A_token_from_another_provider_is_refused()
    {
        var foreign = await signIn.Foreign.AccessTokenAsync(Agent);

        var answer = await signIn.ClientFor(foreign).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains(signIn.Provider.Issuer, await Detail(answer));
    }

    [Fact]
    public async Task The_console_learns_the_providers_endpoints_from_the_silo_and_may_reach_only_that_provider()
    {
        var anonymous = signIn.Api.ClientWithKey(null);

        var settings = await Ok(anonymous.GetAsync("/console/sign-in.json"));
        var page = await anonymous.GetAsync("/console/");

        Assert.True(settings.GetProperty("enabled").GetBoolean());
        Assert.Equal("relationship-grains-console", settings.GetProperty("clientId").GetString());
        Assert.Equal($"{signIn.Provider.Issuer}connect/authorize", settings.GetProperty("authorizationEndpoint").GetString());
        Assert.Equal($"{signIn.Provider.Issuer}connect/token", settings.GetProperty("tokenEndpoint").GetString());
        Assert.Equal($"{signIn.Provider.Issuer}connect/revoke", settings.GetProperty("revocationEndpoint").GetString());
        Assert.Equal($"{signIn.Provider.Issuer}connect/logout", settings.GetProperty("endSessionEndpoint").GetString());
        Assert.Contains($"connect-src 'self' {signIn.Provider.Issuer.TrimEnd('/')};", string.Join(' ', page.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task An_operator_opens_the_dashboard_by_signing_in_and_is_no_longer_asked_for_a_key()
    {
        var browser = signIn.Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var first = await browser.GetAsync("/dashboard/");
        var authorize = first.Headers.Location!;
        var back = await provider.GetAsync(authorize);
        var signedIn = await browser.GetAsync(back.Headers.Location!.PathAndQuery);
        var page = await browser.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.DoesNotContain("Basic", first.Headers.WwwAuthenticate.ToString());
        Assert.StartsWith($"{signIn.Provider.Issuer}connect/authorize", authorize.ToString());
        Assert.Contains("code_challenge=", authorize.Query);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Orleans Dashboard", await page.Content.ReadAsStringAsync());
        // The cookie holds for the dashboard alone, and is not sent by a page on another site.
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("rg.dashboard=", StringComparison.Ordinal));
        Assert.Contains("path=/dashboard;", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("httponly", cookie);
    }

    [Fact]
    public async Task The_metrics_scrape_takes_an_operators_token()
    {
        using var supervisor = await signIn.SignedIn(Supervisor);
        using var agent = await signIn.SignedIn(Agent);

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/metrics")).StatusCode);
    }

    private static object Interaction(string id, object? author) =>
        new { interactionId = id, channel = "phone", direction = "outbound", author, text = "Called back about the order." };

    private static async Task<string> Detail(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;

    private static JsonElement Payload(string token) => JsonDocument.Parse(Decode(token.Split('.')[1])).RootElement;

    private static string Decode(string part) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + (4 - part.Length % 4) % 4, '=')));

    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
