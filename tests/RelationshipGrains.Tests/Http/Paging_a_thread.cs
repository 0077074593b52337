using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RelationshipGrains.Testing;
using RelationshipGrains.Tests.Infrastructure;
using static RelationshipGrains.Tests.Http.HttpWorld;

namespace RelationshipGrains.Tests.Http;

/// <summary>A thread of up to 10,000 posts was answered whole; it is now read a page at a time, as the threads are listed.</summary>
[Collection(ApiCollection.Name)]
public sealed class Paging_a_thread(ApiFixture api)
{
    private readonly HttpWorld _world = new(api);

    [Fact]
    public async Task A_thread_is_read_a_page_at_a_time_after_the_last_post_seen()
    {
        var community = $"/api/v1/communities/{Keys.Customer("bees")}";
        var ada = Keys.Customer("ada");
        await Ok(_world.Operator.PutAsync(community, JsonContent.Create(new { name = "Beekeepers" })));
        await Ok(Post(_world.Channel, $"{community}/members", new { customerId = ada }));
        await Ok(Post(_world.Channel, $"{community}/threads", new { customerId = ada, postId = "t1", title = "Swarms", text = "May already?" }),
            HttpStatusCode.Created);
        for (var i = 1; i <= 3; i++)
        {
            await Ok(Post(_world.Channel, $"{community}/threads/t1/replies", new { customerId = ada, postId = $"r{i}", text = $"Reply {i}" }), HttpStatusCode.Created);
        }

        var whole = await Ok(_world.Channel.GetAsync($"{community}/threads/t1"));
        var first = await Ok(_world.Channel.GetAsync($"{community}/threads/t1?limit=2"));
        var next = await Ok(_world.Channel.GetAsync($"{community}/threads/t1?after=r1&limit=2"));
        var last = await Ok(_world.Channel.GetAsync($"{community}/threads/t1?after=r3&limit=2"));
        var tooMany = await Ok(_world.Channel.GetAsync($"{community}/threads/t1?limit=201"), HttpStatusCode.BadRequest);

        Assert.Equal(["t1", "r1", "r2", "r3"], Ids(whole));
        Assert.Equal(["t1", "r1"], Ids(first));
        Assert.Equal(["r2", "r3"], Ids(next));
        Assert.Empty(Ids(last));
        Assert.Contains("limit must be between 1 and 200", tooMany.GetRawText(), StringComparison.Ordinal);
    }

    private static List<string?> Ids(JsonElement posts) => [.. posts.EnumerateArray().Select(p => p.GetProperty("postId").GetString())];
}
