using System.Net;
using System.Text.Json;
using RelationshipGrains.Testing;
using RelationshipGrains.Tests.Infrastructure;
using static RelationshipGrains.Tests.Http.HttpWorld;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Turning_conversations_into_ideas(ApiFixture api)
{
    private readonly HttpWorld _world = new(api);

    private async Task<(string Slug, string Staff)> Community(double evidenceWeight = 2)
    {
        var slug = Keys.Customer("com");
        var staff = Keys.Customer("staff");
        await Ok(_world.Operator.PutAsync($"/api/v1/communities/{slug}", System.Net.Http.Json.JsonContent.Create(new
        {
            name = "Outdoor furniture",
            settings = new { roundPeriodHours = 8760, shortlistPerRound = 1, evidenceWeight },
            staff = new[] { staff },
        })));
        return (slug, staff);
    }

    private async Task<(string Customer, long Sequence)> Said(string text, string? customer = null)
    {
        customer ??= Keys.Customer("cust");
        var entry = await Ok(Post(_world.Channel, $"/api/v1/customers/{customer}/interactions",
            new { interactionId = Guid.NewGuid().ToString("N"), channel = "chat", direction = "inbound", author = new { kind = "customer" }, text }),
            HttpStatusCode.Created);
        return (customer, entry.GetProperty("sequence").GetInt64());
    }

    /// <summary>The customer's idea updates once <paramref name="expected"/> have arrived: ideas send them after answering.</summary>
    private async Task<List<JsonElement>> IdeaNews(string customer, int expected) =>
        await Poll.UntilAsync(
            async () => (List<JsonElement>)[.. (await Ok(_world.Channel.GetAsync($"/api/v1/customers/{customer}/timeline?limit=200"))).GetProperty("entries").EnumerateArray()
                .Where(e => e.GetProperty("kind").GetString() == "idea-update")],
            news => news.Count >= expected, TimeSpan.FromSeconds(10), $"{expected} idea update(s) on {customer}'s timeline");

    [Fact]
    public async Task A_support_chat_becomes_an_idea_attributed_to_the_customer_with_links_both_ways()
    {
        var (slug, staff) = await Community();
        var (ada, sequence) = await Said("I wish your garden chairs folded flat so they fit on my tiny balcony");
        var ideaId = Keys.Customer("idea");

        var created = await Ok(Post(_world.Channel, $"/api/v1/customers/{ada}/timeline/{sequence}/idea",
            new { community = slug, actorId = staff, ideaId }), HttpStatusCode.Created);
        var idea = created.GetProperty("idea");
        var source = idea.GetProperty("evidence")[0];
        var news = await IdeaNews(ada, 1);

        Assert.StartsWith("I wish your garden chairs", idea.GetProperty("title").GetString());
        Assert.Equal((ada, true, $"customers/{ada}/timeline/{sequence}"),
            (source.GetProperty("customerId").GetString(), source.GetProperty("origin").GetBoolean(), source.GetProperty("reference").GetString()));
        Assert.Equal(ideaId, Assert.Single(news).GetProperty("subject").GetString());
        Assert.Contains("became an idea in", news[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Evidence_counts_once_per_customer_apart_from_votes_and_raises_fitness()
    {
        var (slug, staff) = await Community(evidenceWeight: 2);
        var (ada, first) = await Said("Solar lamps for the garden please");
        var (_, second) = await Said("Still waiting for solar garden lamps", ada);
        var (bob, bobs) = await Said("Do you sell garden lamps that charge in the sun?");
        var ideaId = Keys.Customer("idea");
        await Ok(Post(_world.Channel, $"/api/v1/communities/{slug}/ideas", new { customerId = staff, ideaId, title = "Solar garden lamp" }), HttpStatusCode.Created);
        var before = await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{ideaId}"));

        await Ok(Post(_world.Channel, $"/api/v1/ideas/{ideaId}/evidence", new { customerId = ada, sequence = first }));
        await Ok(Post(_world.Channel, $"/api/v1/ideas/{ideaId}/evidence", new { customerId = ada, sequence = second }));
        await Ok(Post(_world.Channel, $"/api/v1/ideas/{ideaId}/evidence", new { customerId = bob, sequence = bobs }));
        await Ok(Post(_world.Channel, $"/api/v1/ideas/{ideaId}/evidence",
            new { mention = new { url = "https://social.example/p/1", author = "@gardenfan", text = "Why are there no solar lamps?" } }));
        var after = await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{ideaId}"));
        var missing = await Ok(Post(_world.Channel, $"/api/v1/ideas/{ideaId}/evidence", new { customerId = bob, sequence = 999 }), HttpStatusCode.NotFound);
        var badLink = await Ok(Post(_world.Channel, $"/api/v1/ideas/{ideaId}/evidence",
            new { mention = new { url = "javascript:alert(1)", author = "@x", text = "solar" } }), HttpStatusCode.BadRequest);

        var tally = after.GetProperty("idea").GetProperty("tally");
        Assert.Equal((3, 0), (tally.GetProperty("askers").GetInt32(), tally.GetProperty("supporters").GetInt32()));
        Assert.Equal(4, after.GetProperty("idea").GetProperty("evidence").GetArrayLength());
        Assert.Equal(6, after.GetProperty("fitness").GetProperty("evidence").GetDouble());
        Assert.True(after.GetProperty("fitness").GetProperty("score").GetDouble() > before.GetProperty("fitness").GetProperty("score").GetDouble());
        Assert.Equal(JsonValueKind.Object, missing.ValueKind);
        Assert.Equal("mention.url", badLink.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Proposing_a_duplicate_suggests_the_idea_it_duplicates()
    {
        var (slug, staff) = await Community();
        var original = Keys.Customer("idea");
        await Ok(Post(_world.Channel, $"/api/v1/communities/{slug}/ideas", new { customerId = staff, ideaId = original, title = "Waterproof outdoor cushion covers" }),
            HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"/api/v1/communities/{slug}/ideas", new { customerId = staff, ideaId = Keys.Customer("idea"), title = "Extendable oak dining table" }),
            HttpStatusCode.Created);

        var duplicate = await Ok(Post(_world.Channel, $"/api/v1/communities/{slug}/ideas",
            new { customerId = staff, ideaId = Keys.Customer("idea"), title = "Cushion covers that survive rain outdoors" }), HttpStatusCode.Created);
        var search = await Ok(_world.Channel.GetAsync($"/api/v1/communities/{slug}/ideas/similar?text=oak%20table"));

        Assert.Equal(original, duplicate.GetProperty("similar")[0].GetProperty("ideaId").GetString());
        Assert.Equal("Extendable oak dining table", search[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Customers_who_asked_hear_when_the_idea_moves()
    {
        var (slug, staff) = await Community();
        var (ada, sequence) = await Said("Please make a picnic bench from recycled plastic");
        var ideaId = Keys.Customer("idea");
        await Ok(Post(_world.Channel, $"/api/v1/customers/{ada}/timeline/{sequence}/idea", new { community = slug, actorId = staff, ideaId }),
            HttpStatusCode.Created);

        await Ok(Post(_world.Operator, $"/api/v1/communities/{slug}/rounds"));
        var news = await IdeaNews(ada, 2);

        Assert.Equal(2, news.Count);
        Assert.Equal("shortlisted", news[0].GetProperty("status").GetString());
        Assert.Contains("is now shortlisted", news[0].GetProperty("text").GetString());
    }
}
