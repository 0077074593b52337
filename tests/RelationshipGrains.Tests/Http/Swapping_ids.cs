using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Tests.Infrastructure;
using static RelationshipGrains.Tests.Http.HttpWorld;

namespace RelationshipGrains.Tests.Http;

/// <summary>
/// Broken object-level authorisation, swept over every route: two partners, two customers, two communities; each
/// route is called with the ids of what belongs to the other one. Every call is refused and nothing changes. A route
/// added later with a parameter this sweep cannot fill fails it, so the sweep grows with the API.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class Swapping_ids(ApiFixture api)
{
    private readonly HttpWorld _world = new(api);

    [Fact]
    public async Task Every_partner_route_given_the_other_partners_ids_is_refused_and_changes_nothing()
    {
        var alpha = await _world.Partner("alpha");
        var beta = await _world.Partner("beta");
        var customer = Keys.Customer("ada");
        var path = $"/api/v1/customers/{customer}";
        await Ok(_world.Channel.PutAsync(path, System.Net.Http.Json.JsonContent.Create(new { displayName = "Ada" })));
        await Ok(_world.Channel.PutAsync($"{path}/consents/{alpha.Id}",
            System.Net.Http.Json.JsonContent.Create(new { scopes = new[] { "profile", "conversation", "intents" } })));
        await Ok(Post(_world.Channel, $"{path}/intents", new { intentId = "sofa", text = "A sofa", category = _world.Category }), HttpStatusCode.Created);
        var alphasCast = (await Ok(alpha.Client.GetAsync("/api/v1/partner/intents"))).EnumerateArray().Single().GetProperty("castId").GetString()!;
        var chain = Keys.Customer("chain");
        await Ok(Post(_world.Channel, $"{path}/value-chains", new { valueChainId = chain, title = "Living room", slots = new[] { new { role = "maker" } } }),
            HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"{path}/value-chains/{chain}/slots/maker/invitations", new { partnerId = alpha.Id }));
        await Ok(Post(alpha.Client, $"/api/v1/partner/value-chains/{chain}/slots/maker/offers", Offer(900, 10)));
        var before = await Snapshot(path, chain, alpha.Client);

        var alphas = new Dictionary<string, string> { ["castId"] = alphasCast, ["customerId"] = customer, ["valueChainId"] = chain, ["role"] = "maker" };
        var routes = RouteTable.Of(api.Services).Where(r => r.Policies.Contains(ApiRoles.PartnerPolicy)).ToList();
        var swept = 0;
        foreach (var route in routes.Where(r => r.Pattern.Contains('{', StringComparison.Ordinal)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path((name, _) => Fill(alphas, name, route.Pattern)));
            request.Content = route.Method == "POST" ? Body(route.Pattern) : null;
            var response = await beta.Client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound,
                $"{route.Method} {request.RequestUri} with alpha's ids answered beta {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            swept++;
        }

        Assert.True(swept >= 5, $"Only {swept} partner routes with ids were swept.");
        Assert.Equal(before, await Snapshot(path, chain, alpha.Client));

        // Beta was cast the same intent; its own inbox shows it under a pseudonym, and none of alpha's.
        var betasInbox = await Ok(beta.Client.GetAsync("/api/v1/partner/intents"));
        var betasChains = await Ok(beta.Client.GetAsync("/api/v1/partner/value-chains"));
        Assert.DoesNotContain(alphasCast, betasInbox.GetRawText());
        Assert.DoesNotContain(customer, betasInbox.GetRawText());
        Assert.Empty(betasChains.EnumerateArray());
    }

    [Fact]
    public async Task Every_customer_route_naming_another_customers_value_chain_or_intent_is_refused_and_changes_nothing()
    {
        var alpha = await _world.Partner("alpha");
        var owner = $"/api/v1/customers/{Keys.Customer("owner")}";
        var other = Keys.Customer("other");
        var chain = Keys.Customer("chain");
        await Ok(Post(_world.Channel, $"{owner}/intents", new { intentId = "kitchen", text = "A kitchen", category = _world.Category }), HttpStatusCode.Created);
        var cast = (await Ok(alpha.Client.GetAsync("/api/v1/partner/intents"))).EnumerateArray().Single().GetProperty("castId").GetString();
        await Ok(Post(alpha.Client, $"/api/v1/partner/intents/{cast}/offers", Offer(5000, 30)));
        await Ok(Post(_world.Channel, $"{owner}/value-chains", new { valueChainId = chain, title = "Kitchen", slots = new[] { new { role = "maker" } } }),
            HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"{owner}/value-chains/{chain}/slots/maker/invitations", new { partnerId = alpha.Id }));
        await Ok(Post(alpha.Client, $"/api/v1/partner/value-chains/{chain}/slots/maker/offers", Offer(900, 10)));
        var before = await Snapshot(owner, chain, alpha.Client);

        var owners = new Dictionary<string, string>
        {
            ["customerId"] = other, ["valueChainId"] = chain, ["role"] = "maker", ["intentId"] = "kitchen", ["partnerId"] = alpha.Id,
        };
        var routes = RouteTable.Of(api.Services)
            .Where(r => r.Pattern.StartsWith("/api/v1/customers/{customerId}/", StringComparison.Ordinal)
                && (r.Pattern.Contains("{valueChainId}", StringComparison.Ordinal) || r.Pattern.Contains("{intentId}", StringComparison.Ordinal)))
            .ToList();
        foreach (var route in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path((name, _) => Fill(owners, name, route.Pattern)));
            request.Content = route.Method == "POST" ? Body(route.Pattern, alpha.Id) : null;
            var response = await _world.Channel.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound,
                $"{route.Method} {request.RequestUri} naming another customer's object answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.True(routes.Count >= 8, $"Only {routes.Count} customer routes with a chain or intent id were swept.");
        Assert.Equal(before, await Snapshot(owner, chain, alpha.Client));
        Assert.Empty((await Ok(_world.Channel.GetAsync($"/api/v1/customers/{other}/value-chains"))).EnumerateArray());
    }

    [Fact]
    public async Task Nobody_acts_on_an_idea_through_a_community_they_do_not_belong_to()
    {
        var (here, hereStaff, hereMember) = await Community("here");
        var (there, _, thereMember) = await Community("there");
        var hereIdea = await Propose(here, hereMember);
        var thereIdea = await Propose(there, thereMember);
        var idea = $"/api/v1/ideas/{thereIdea}";
        var before = WithoutAge((await Ok(_world.Channel.GetAsync(idea))).GetRawText());

        var refusals = new (string What, Task<HttpResponseMessage> Call)[]
        {
            ("vote by a member of another community", Post(_world.Channel, $"{idea}/votes", new { customerId = hereMember, value = 1 })),
            ("comment by a member of another community", Post(_world.Channel, $"{idea}/comments", new { customerId = hereMember, commentId = "c", text = "Mine now" })),
            ("fork by a member of another community", Post(_world.Channel, $"{idea}/forks", new { customerId = hereMember, ideaId = Keys.Customer("fork"), title = "Fork" })),
            ("decision by another community's staff", Post(_world.Channel, $"{idea}/status", new { actorId = hereStaff, status = "in-design", reason = "Because" })),
            ("merge of the other community's idea", Post(_world.Channel, $"/api/v1/communities/{here}/ideas/merge",
                new { actorId = hereStaff, duplicateIdeaId = thereIdea, survivorIdeaId = hereIdea })),
            ("merge into the other community's idea", Post(_world.Channel, $"/api/v1/communities/{here}/ideas/merge",
                new { actorId = hereStaff, duplicateIdeaId = hereIdea, survivorIdeaId = thereIdea })),
            ("merge through the other community", Post(_world.Channel, $"/api/v1/communities/{there}/ideas/merge",
                new { actorId = hereStaff, duplicateIdeaId = thereIdea, survivorIdeaId = hereIdea })),
        };

        foreach (var (what, call) in refusals)
        {
            var response = await call;
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"A {what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(before, WithoutAge((await Ok(_world.Channel.GetAsync(idea))).GetRawText()));
        Assert.Equal("proposed", (await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{hereIdea}"))).GetProperty("idea").GetProperty("status").GetString());
    }

    /// <summary>
    /// The idea as read, less what its age alone changes: fitness decays with the time of the read (a CI run whose
    /// thread pool stalled 2 s between the two reads saw decay 1 become 0.999999), so comparing it would fail for time.
    /// </summary>
    private static string WithoutAge(string json)
    {
        var idea = JsonNode.Parse(json)!.AsObject();
        var fitness = idea["fitness"]?.AsObject() ?? throw new InvalidOperationException($"The idea has no fitness: {json}");
        Assert.True(fitness.Remove("decay") && fitness.Remove("score"), $"The idea's fitness has no decay or score: {fitness}");
        return idea.ToJsonString();
    }

    private async Task<(string Slug, string Staff, string Member)> Community(string name)
    {
        var slug = Keys.Customer(name);
        var staff = Keys.Customer("staff");
        var member = Keys.Customer("member");
        await Ok(_world.Operator.PutAsync($"/api/v1/communities/{slug}", System.Net.Http.Json.JsonContent.Create(new
        {
            name, topics = new[] { "chairs" }, staff = new[] { staff },
        })));
        await Ok(Post(_world.Channel, $"/api/v1/communities/{slug}/members", new { customerId = staff }));
        await Ok(Post(_world.Channel, $"/api/v1/communities/{slug}/members", new { customerId = member }));
        return (slug, staff, member);
    }

    private async Task<string> Propose(string slug, string member)
    {
        var ideaId = Keys.Customer("idea");
        await Ok(Post(_world.Channel, $"/api/v1/communities/{slug}/ideas", new { customerId = member, ideaId, title = $"Idea of {slug}" }),
            HttpStatusCode.Created);
        return ideaId;
    }

    /// <summary>
    /// What the owner and the rightful partner see; any change a refused call made would show here. It reads nothing a
    /// partner reads from the customer, since those reads are themselves logged on the customer.
    /// </summary>
    private async Task<string> Snapshot(string customerPath, string chain, HttpClient rightfulPartner)
    {
        var text = new StringBuilder();
        text.AppendLine((await Ok(_world.Channel.GetAsync($"{customerPath}/value-chains/{chain}"))).GetRawText());
        text.AppendLine((await Ok(_world.Channel.GetAsync($"{customerPath}/intents?includeWithdrawn=true"))).GetRawText());
        text.AppendLine((await Ok(_world.Channel.GetAsync($"{customerPath}/partner-access"))).GetRawText());
        text.AppendLine((await Ok(_world.Channel.GetAsync($"{customerPath}/timeline?limit=1"))).GetProperty("latestSequence").GetRawText());
        text.AppendLine((await Ok(rightfulPartner.GetAsync($"/api/v1/partner/value-chains/{chain}"))).GetRawText());
        return text.ToString();
    }

    private static string Fill(Dictionary<string, string> ids, string name, string pattern) =>
        ids.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"The id sweep does not know whose '{name}' to put in {pattern}; teach it.");

    /// <summary>A body the route would accept from its rightful caller, so only the ids can be why it is refused.</summary>
    private static StringContent Body(string pattern, string? partnerId = null)
    {
        var body = pattern switch
        {
            _ when pattern.EndsWith("/offers", StringComparison.Ordinal) => Offer(100, 5),
            _ when pattern.EndsWith("/status", StringComparison.Ordinal) => (object)new { status = "accepted" },
            _ when pattern.EndsWith("/slots", StringComparison.Ordinal) => new { role = "extra" },
            _ when pattern.EndsWith("/invitations", StringComparison.Ordinal) || pattern.EndsWith("/slots/{role}/accept", StringComparison.Ordinal)
                => new { partnerId },
            _ when pattern.EndsWith("/offers/{partnerId}/accept", StringComparison.Ordinal) => new { valueChainId = Keys.Customer("seeded") },
            _ when pattern.EndsWith("/cancel", StringComparison.Ordinal) => new { reason = "Not mine to cancel" },
            _ => new { },
        };
        return new StringContent(JsonSerializer.Serialize(body, HttpJson.Options), Encoding.UTF8, "application/json");
    }
}
