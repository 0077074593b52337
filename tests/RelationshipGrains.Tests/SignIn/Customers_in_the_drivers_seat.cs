using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Tests.Http;
using RelationshipGrains.Tests.Infrastructure;
using static RelationshipGrains.Tests.Http.HttpWorld;
using static RelationshipGrains.Tests.Infrastructure.SignInFixture;

namespace RelationshipGrains.Tests.SignIn;

/// <summary>
/// The buy side: a customer signs in at the organisation's provider and manages their own relationship (timeline,
/// values, consents, intents, partner reads, value chains, export, erasure) and nothing else.
/// </summary>
[Collection(SignInCollection.Name)]
public sealed class Customers_in_the_drivers_seat(SignInFixture signIn)
{
    private readonly HttpWorld _world = new(signIn.Api);

    [Fact]
    public async Task A_customer_reads_their_timeline_and_manages_their_consents_values_and_intents()
    {
        using var erin = await signIn.SignedIn(Erin);
        var partner = await _world.Partner("erins-maker");
        var path = $"/api/v1/customers/{Erin.CustomerId}";
        await Ok(Post(_world.Channel, $"{path}/interactions",
            new { interactionId = "hello", channel = "web", direction = "inbound", author = new { kind = "customer" }, text = "Hello" }), HttpStatusCode.Created);

        var me = await Ok(erin.GetAsync("/api/v1/me"));
        var timeline = await Ok(erin.GetAsync($"{path}/timeline"));
        await Ok(erin.PutAsJsonAsync($"{path}/values", new { weights = new { sustainability = 0.9 } }));
        await Ok(erin.PutAsJsonAsync($"{path}/consents/{partner.Id}", new { scopes = new[] { "profile", "intents" } }));
        var narrowed = await Ok(erin.PutAsJsonAsync($"{path}/consents/{partner.Id}", new { scopes = new[] { "intents" } }));
        await Ok(Post(erin, $"{path}/intents", new { intentId = "bike", text = "A cargo bike", category = _world.Category }), HttpStatusCode.Created);
        var intents = await Ok(erin.GetAsync($"{path}/intents"));
        var reads = await Ok(erin.GetAsync($"{path}/partner-access"));
        var revoked = await erin.DeleteAsync($"{path}/consents/{partner.Id}");
        var export = await Ok(erin.GetAsync($"{path}/export"));

        Assert.Equal("customer", me.GetProperty("role").GetString());
        Assert.Equal(Erin.CustomerId, me.GetProperty("customerId").GetString());
        Assert.Equal("Hello", timeline.GetProperty("entries")[0].GetProperty("text").GetString());
        Assert.Equal(["intents"], narrowed.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("bike", Assert.Single(intents.EnumerateArray()).GetProperty("intentId").GetString());
        Assert.Equal(JsonValueKind.Array, reads.ValueKind);
        Assert.True(revoked.IsSuccessStatusCode, $"Revoking answered {(int)revoked.StatusCode}");
        Assert.Empty((await Ok(_world.Channel.GetAsync($"{path}/consents"))).EnumerateArray());
        Assert.Equal(0.9, (await Ok(_world.Channel.GetAsync($"{path}/values"))).GetProperty("weights").GetProperty("sustainability").GetDouble());
        Assert.Equal(Erin.CustomerId, export.GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task A_customer_sees_which_member_of_staff_looked_at_their_data_and_what_they_did()
    {
        using var erin = await signIn.SignedIn(Erin);
        using var agent = await signIn.SignedIn(Agent);
        var path = $"/api/v1/customers/{Erin.CustomerId}";
        var before = (await Ok(erin.GetAsync($"{path}/staff-access"))).GetArrayLength();

        await Ok(agent.GetAsync($"{path}/timeline"));
        await Ok(agent.GetAsync($"{path}/timeline"));
        await Ok(Post(agent, $"{path}/interactions",
            new { interactionId = "call-back", channel = "phone", direction = "outbound", author = new { kind = "staff" }, text = "Called back" }),
            HttpStatusCode.Created);
        await Ok(_world.Channel.GetAsync($"{path}/timeline"));
        var log = await Ok(erin.GetAsync($"{path}/staff-access"));

        // Two reads of the timeline within a minute are one look.
        Assert.Equal(before + 2, log.GetArrayLength());
        Assert.Equal("Record an interaction on a customer's timeline", log[0].GetProperty("what").GetString());
        Assert.Equal("Read a page of a customer's timeline", log[1].GetProperty("what").GetString());
        Assert.All(log.EnumerateArray().Take(2), access =>
        {
            Assert.Equal(Agent.Subject, access.GetProperty("subject").GetString());
            Assert.Equal("Ada Agent", access.GetProperty("name").GetString());
        });
    }

    [Fact]
    public async Task A_customer_assembles_their_own_value_chain_and_asks_for_erasure()
    {
        using var gale = await signIn.SignedIn(Gale);
        var partner = await _world.Partner("gales-maker");
        var path = $"/api/v1/customers/{Gale.CustomerId}";
        var chain = Keys.Customer("gales-chain");

        await Ok(Post(gale, $"{path}/value-chains", new { valueChainId = chain, title = "Garden shed", slots = new[] { new { role = "maker" } } }),
            HttpStatusCode.Created);
        await Ok(Post(gale, $"{path}/value-chains/{chain}/slots/maker/invitations", new { partnerId = partner.Id }));
        var invited = await Ok(partner.Client.GetAsync($"/api/v1/partner/value-chains/{chain}"));
        using var agent = await signIn.SignedIn(Agent);
        await Ok(agent.GetAsync($"{path}/timeline"));
        var looked = await Ok(gale.GetAsync($"{path}/staff-access"));
        var receipt = await Ok(gale.DeleteAsync(path));

        Assert.Equal(chain, invited.GetProperty("valueChainId").GetString());
        Assert.Equal(1, looked.GetArrayLength());
        Assert.Equal(0, (await Ok(_world.Channel.GetAsync($"{path}/staff-access"))).GetArrayLength());
        Assert.Equal(Gale.CustomerId, receipt.GetProperty("customerId").GetString());
        Assert.Equal(0, (await Ok(_world.Channel.GetAsync($"{path}/timeline"))).GetProperty("latestSequence").GetInt64());
    }

    [Fact]
    public async Task A_customer_token_acts_as_nothing_but_the_customer_whatever_groups_it_carries()
    {
        using var erin = await signIn.SignedIn(Erin);
        var path = $"/api/v1/customers/{Erin.CustomerId}";

        var record = await Post(erin, $"{path}/interactions",
            new { interactionId = "self", channel = "web", direction = "inbound", author = new { kind = "customer" }, text = "Hi" });
        var profile = await erin.GetAsync(path);
        var search = await erin.GetAsync("/api/v1/customers?q=erin");
        var cluster = await erin.GetAsync("/api/v1/operations/cluster");

        foreach (var refused in new[] { record, profile, search, cluster })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Contains("is for staff", (await record.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(0, (await Ok(_world.Channel.GetAsync($"{path}/timeline"))).GetProperty("latestSequence").GetInt64());
    }

    [Fact]
    public async Task A_customer_token_without_a_customer_id_is_refused()
    {
        var answer = await signIn.ClientFor(await signIn.Provider.AccessTokenAsync(Nobody)).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("customer_id", (await answer.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Every_route_naming_another_customer_is_refused_to_a_customer_and_changes_nothing()
    {
        using var erin = await signIn.SignedIn(Erin);
        var partner = await _world.Partner("finns-maker");
        var finn = $"/api/v1/customers/{Finn.CustomerId}";
        var chain = Keys.Customer("finns-chain");
        await Ok(_world.Channel.PutAsJsonAsync($"{finn}/consents/{partner.Id}", new { scopes = new[] { "profile" } }));
        await Ok(Post(_world.Channel, $"{finn}/intents", new { intentId = "sofa", text = "A sofa", category = _world.Category }), HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"{finn}/value-chains", new { valueChainId = chain, title = "Living room", slots = new[] { new { role = "maker" } } }),
            HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"{finn}/interactions",
            new { interactionId = "first", channel = "web", direction = "inbound", author = new { kind = "customer" }, text = "Mine" }), HttpStatusCode.Created);
        var before = await Snapshot(finn, chain);

        var finns = new Dictionary<string, string>
        {
            ["customerId"] = Finn.CustomerId!, ["partnerId"] = partner.Id, ["valueChainId"] = chain, ["role"] = "maker",
            ["intentId"] = "sofa",
        };
        var (opened, staffOnly) = (0, 0);
        // Only the route about the caller itself answers them beyond their own relationship.
        foreach (var route in RouteTable.Of(signIn.Api.Services).Where(r => r.Pattern != "/api/v1/me"))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path((name, numeric) => numeric ? "1" : finns.GetValueOrDefault(name, "x")));
            request.Content = route.Method is "POST" or "PUT" ? new StringContent("{}", Encoding.UTF8, "application/json") : null;
            var response = await erin.SendAsync(request);

            // Routes open to customers answer as if Finn did not exist; the rest refuse her (401 where a route takes
            // only a back-office system's signature).
            var open = route.Endpoint.Metadata.GetMetadata<CustomerSelfService.Marker>() is not null;
            var expected = open ? [HttpStatusCode.NotFound] : new[] { HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized };
            Assert.True(expected.Contains(response.StatusCode),
                $"{route.Method} {request.RequestUri} with Erin's token answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            if (open)
            {
                opened++;
            }
            else
            {
                staffOnly++;
            }
        }

        // Timeline and live feed (2), values (2), consents and partner reads (4), staff's looks (1), intents (3), export
        // and erasure (2), value chains and accepting an offer (9).
        Assert.Equal(23, opened);
        Assert.True(staffOnly > 40, $"Only {staffOnly} routes closed to customers were swept.");
        Assert.Equal(before, await Snapshot(finn, chain));

        // Her own id with Finn's chain or intent in the path finds nothing either.
        var own = $"/api/v1/customers/{Erin.CustomerId}";
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync($"{own}/value-chains/{chain}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(erin, $"{own}/intents/sofa/withdraw")).StatusCode);
        Assert.Equal(before, await Snapshot(finn, chain));
    }

    private async Task<string> Snapshot(string customerPath, string chain)
    {
        var text = new StringBuilder();
        foreach (var part in new[] { "consents", "intents?includeWithdrawn=true", "values", $"value-chains/{chain}", "timeline" })
        {
            text.AppendLine((await Ok(_world.Channel.GetAsync($"{customerPath}/{part}"))).GetRawText());
        }

        return text.ToString();
    }
}
