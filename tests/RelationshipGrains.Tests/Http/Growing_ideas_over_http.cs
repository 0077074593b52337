using System.Net;
using System.Text.Json;
using RelationshipGrains.Tests.Infrastructure;
using static RelationshipGrains.Tests.Http.HttpWorld;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Growing_ideas_over_http(ApiFixture api)
{
    [Fact]
    public async Task A_community_goes_from_proposals_to_a_selected_idea_and_the_live_feed_shows_each_step()
    {
        var world = new HttpWorld(api);
        var slug = Keys.Customer("chairs");
        var community = $"/api/v1/communities/{slug}";
        var staff = Keys.Customer("staff");
        await Ok(world.Operator.PutAsync(community, System.Net.Http.Json.JsonContent.Create(new
        {
            name = "Chair makers",
            topics = new[] { "chairs" },
            settings = new { roundPeriodHours = 8760, shortlistPerRound = 1, selectPerRound = 1 },
            rules = new[] { new { name = "cost-ceiling", attribute = "unit-cost", kind = "max", number = 50.0 } },
            staff = new[] { staff },
        })));
        var members = new[] { Keys.Customer("m"), Keys.Customer("m"), Keys.Customer("m") };
        foreach (var m in members)
        {
            await Ok(Post(world.Channel, $"{community}/members", new { customerId = m }));
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var live = await world.Channel.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{community}/live"), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var reader = new StreamReader(await live.Content.ReadAsStreamAsync(cts.Token));

        var good = Keys.Customer("idea");
        var pricey = Keys.Customer("idea");
        await Ok(Post(world.Channel, $"{community}/ideas", new { customerId = members[0], ideaId = good, title = "Stacking chair",
            attributes = new { numbers = new Dictionary<string, double> { ["unit-cost"] = 35 } } }), HttpStatusCode.Created);
        await Ok(Post(world.Channel, $"{community}/ideas", new { customerId = members[1], ideaId = pricey, title = "Gold throne",
            attributes = new { numbers = new Dictionary<string, double> { ["unit-cost"] = 900 } } }), HttpStatusCode.Created);
        foreach (var m in members)
        {
            await Ok(Post(world.Channel, $"/api/v1/ideas/{good}/votes", new { customerId = m, value = 1 }));
            await Ok(Post(world.Channel, $"/api/v1/ideas/{pricey}/votes", new { customerId = m, value = 1 }));
        }

        var ranked = await Ok(world.Channel.GetAsync($"{community}/ideas?sort=fitness"));
        var throne = await Ok(world.Channel.GetAsync($"/api/v1/ideas/{pricey}"));
        var first = await Ok(Post(world.Operator, $"{community}/rounds"));
        foreach (var m in members)
        {
            await Ok(Post(world.Channel, $"/api/v1/ideas/{good}/votes", new { customerId = m, value = 1 }));
        }

        var second = await Ok(Post(world.Operator, $"{community}/rounds"));
        var selected = await Ok(world.Channel.GetAsync($"/api/v1/ideas/{good}"));

        Assert.Equal(3, ranked[0].GetProperty("fitness").GetProperty("supporters").GetInt32());
        Assert.False(throne.GetProperty("rules")[0].GetProperty("passed").GetBoolean());
        Assert.Equal("unit-cost is 900, the maximum is 50", throne.GetProperty("rules")[0].GetProperty("reason").GetString());
        Assert.Equal("shortlisted", first.GetProperty("decisions")[0].GetProperty("to").GetString());
        Assert.Equal(good, second.GetProperty("decisions")[0].GetProperty("ideaId").GetString());
        Assert.Equal("selected", selected.GetProperty("idea").GetProperty("status").GetString());

        List<string> feed = [];
        while (!feed.Any(text => text.StartsWith("Round 2: 'Stacking chair' selected", StringComparison.Ordinal)))
        {
            var line = await reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException();
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                feed.Add(JsonDocument.Parse(line[6..]).RootElement.GetProperty("text").GetString()!);
            }
        }

        Assert.Contains(feed, t => t.Contains("proposed 'Stacking chair'"));
        Assert.Contains(feed, t => t.StartsWith("Round 1: 'Stacking chair' shortlisted", StringComparison.Ordinal));
        live.Dispose();
    }

    [Fact]
    public async Task Bad_community_requests_are_refused_with_the_field()
    {
        var world = new HttpWorld(api);
        var community = $"/api/v1/communities/{Keys.Customer("c")}";

        var bad = await Ok(world.Operator.PutAsync(community, System.Net.Http.Json.JsonContent.Create(new { name = "X", settings = new { cullFraction = 2.0 } })),
            HttpStatusCode.BadRequest);
        var channelConfigures = await world.Channel.PutAsync(community, System.Net.Http.Json.JsonContent.Create(new { name = "X" }));
        var missing = await world.Channel.GetAsync(community);
        var badSort = await world.Channel.GetAsync($"{community}/ideas?sort=loudest");

        Assert.Equal("settings.cullFraction", bad.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, channelConfigures.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSort.StatusCode);
    }
}
