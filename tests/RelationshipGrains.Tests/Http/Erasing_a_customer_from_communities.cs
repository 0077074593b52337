using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RelationshipGrains.Testing;
using RelationshipGrains.Tests.Infrastructure;
using static RelationshipGrains.Tests.Http.HttpWorld;

namespace RelationshipGrains.Tests.Http;

/// <summary>
/// An erased customer's posts, ideas, votes, comments and evidence stay with the community, under a pseudonym: the
/// threads and tallies others built on still stand, and nothing names the customer any more. What they wrote in
/// posts and comments is removed unless the operator keeps it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class Erasing_a_customer_from_communities(ApiFixture api)
{
    private readonly HttpWorld _world = new(api);

    [Fact]
    public async Task Posts_ideas_votes_comments_and_evidence_are_pseudonymised_and_the_tallies_stand()
    {
        var slug = Keys.Customer("garden");
        var community = $"/api/v1/communities/{slug}";
        var ada = Keys.Customer("ada");
        var bob = Keys.Customer("bob");
        await Ok(_world.Operator.PutAsync(community, JsonContent.Create(new { name = "Gardeners", topics = new[] { "garden" } })));
        await Ok(Post(_world.Channel, $"{community}/members", new { customerId = ada }));
        await Ok(Post(_world.Channel, $"{community}/members", new { customerId = bob }));

        // Ada starts a thread Bob replies to, proposes an idea, votes and comments on Bob's, and her conversation is
        // linked to it as evidence.
        await Ok(Post(_world.Channel, $"{community}/threads", new { customerId = ada, postId = "t1", title = "Slugs", text = "Ada here: beer traps work." }),
            HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"{community}/threads/t1/replies", new { customerId = bob, postId = "r1", text = "Thanks Ada!" }), HttpStatusCode.Created);
        var adasIdea = Keys.Customer("idea");
        var bobsIdea = Keys.Customer("idea");
        await Ok(Post(_world.Channel, $"{community}/ideas", new { customerId = ada, ideaId = adasIdea, title = "Seed swap" }), HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"{community}/ideas", new { customerId = bob, ideaId = bobsIdea, title = "Tool library" }), HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"/api/v1/ideas/{adasIdea}/votes", new { customerId = bob, value = 1 }));
        await Ok(Post(_world.Channel, $"/api/v1/ideas/{bobsIdea}/votes", new { customerId = ada, value = 1 }));
        await Ok(Post(_world.Channel, $"/api/v1/ideas/{bobsIdea}/comments", new { customerId = ada, commentId = "c1", text = "I would lend my spade." }),
            HttpStatusCode.Created);
        var said = await Ok(Post(_world.Channel, $"/api/v1/customers/{ada}/interactions", new
        {
            interactionId = "ask", channel = "email", direction = "inbound", author = new { kind = "customer" }, text = "Could we share tools, Ada asks?",
        }), HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"/api/v1/ideas/{bobsIdea}/evidence", new { customerId = ada, sequence = said.GetProperty("sequence").GetInt64() }));
        var bobsBefore = (await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{bobsIdea}"))).GetProperty("idea");

        var receipt = await Ok(_world.Operator.DeleteAsync($"/api/v1/customers/{ada}"));
        var again = await Ok(_world.Operator.DeleteAsync($"/api/v1/customers/{ada}"));

        Assert.Equal([slug], receipt.GetProperty("communitiesPseudonymised").EnumerateArray().Select(c => c.GetString()));
        Assert.False(receipt.GetProperty("postTextsKept").GetBoolean());
        Assert.Equal(receipt.GetRawText(), again.GetRawText());

        var thread = await Ok(_world.Channel.GetAsync($"{community}/threads/t1"));
        var opening = thread.EnumerateArray().First();
        var pseudonym = opening.GetProperty("authorId").GetString()!;
        Assert.StartsWith("erased-", pseudonym, StringComparison.Ordinal);
        Assert.Equal(("[removed]", "[removed]"), (opening.GetProperty("title").GetString(), opening.GetProperty("text").GetString()));
        Assert.Equal((bob, "Thanks Ada!"), (thread.EnumerateArray().Last().GetProperty("authorId").GetString(), thread.EnumerateArray().Last().GetProperty("text").GetString()));

        var adas = (await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{adasIdea}"))).GetProperty("idea");
        var bobs = (await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{bobsIdea}"))).GetProperty("idea");
        var comments = await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{bobsIdea}/comments"));
        Assert.Equal(pseudonym, adas.GetProperty("proposerId").GetString());
        Assert.Equal(bobsBefore.GetProperty("tally").GetRawText(), bobs.GetProperty("tally").GetRawText());
        Assert.Equal((pseudonym, "[removed]"), (comments[0].GetProperty("authorId").GetString(), comments[0].GetProperty("text").GetString()));
        var evidence = bobs.GetProperty("evidence").EnumerateArray().Single();
        Assert.Equal("(erased at the customer's request)", evidence.GetProperty("excerpt").GetString());
        Assert.Equal(JsonValueKind.Null, evidence.GetProperty("customerId").ValueKind);

        var members = await Ok(_world.Channel.GetAsync($"{community}/members"));
        var everything = string.Join('\n', thread.GetRawText(), adas.GetRawText(), bobs.GetRawText(), comments.GetRawText(), members.GetRawText(),
            (await Ok(_world.Channel.GetAsync($"{community}/threads"))).GetRawText(),
            (await Ok(_world.Channel.GetAsync($"{community}/ideas?include=closed"))).GetRawText(),
            await FeedUntilAsync(community, bob));
        Assert.DoesNotContain(ada, everything);
        Assert.DoesNotContain("beer traps", everything);
        Assert.DoesNotContain("lend my spade", everything);
        Assert.Single(members.EnumerateArray());
    }

    [Fact]
    public async Task An_operator_may_keep_what_the_customer_wrote_under_the_pseudonym_and_the_receipt_says_so()
    {
        var slug = Keys.Customer("garden");
        var community = $"/api/v1/communities/{slug}";
        var cy = Keys.Customer("cy");
        var idea = Keys.Customer("idea");
        await Ok(_world.Operator.PutAsync(community, JsonContent.Create(new { name = "Gardeners", topics = new[] { "garden" } })));
        await Ok(Post(_world.Channel, $"{community}/members", new { customerId = cy }));
        await Ok(Post(_world.Channel, $"{community}/threads", new { customerId = cy, postId = "t1", title = "Compost", text = "Turn it weekly." }),
            HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"{community}/ideas", new { customerId = cy, ideaId = idea, title = "Compost bins" }), HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"/api/v1/ideas/{idea}/comments", new { customerId = cy, commentId = "c1", text = "Oak slats last." }),
            HttpStatusCode.Created);

        var receipt = await Ok(_world.Operator.DeleteAsync($"/api/v1/customers/{cy}?keepPostTexts=true"));

        Assert.True(receipt.GetProperty("postTextsKept").GetBoolean());
        var opening = (await Ok(_world.Channel.GetAsync($"{community}/threads/t1"))).EnumerateArray().Single();
        var comment = (await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{idea}/comments"))).EnumerateArray().Single();
        Assert.StartsWith("erased-", opening.GetProperty("authorId").GetString(), StringComparison.Ordinal);
        Assert.Equal(("Compost", "Turn it weekly."), (opening.GetProperty("title").GetString(), opening.GetProperty("text").GetString()));
        Assert.Equal("Oak slats last.", comment.GetProperty("text").GetString());
        Assert.Equal("Compost bins", (await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{idea}"))).GetProperty("idea").GetProperty("title").GetString());
        Assert.DoesNotContain(cy, opening.GetRawText() + comment.GetRawText());
    }

    [Fact]
    public async Task An_idea_in_the_customers_words_loses_its_title_and_description_wherever_they_were_quoted()
    {
        var slug = Keys.Customer("garden");
        var community = $"/api/v1/communities/{slug}";
        var (ada, bob, staff) = (Keys.Customer("ada"), Keys.Customer("bob"), Keys.Customer("staff"));
        await Ok(_world.Operator.PutAsync(community, JsonContent.Create(new { name = "Gardeners", topics = new[] { "garden" }, staff = new[] { staff } })));
        await Ok(Post(_world.Channel, $"{community}/members", new { customerId = ada }));
        await Ok(Post(_world.Channel, $"{community}/members", new { customerId = bob }));

        // Ada proposes "Seed swap"; Bob comments on it, asks for it, forks it, and his own "Tool shed" is merged into it;
        // staff moves it on, and make an idea of what Ada said in a chat.
        var (adasIdea, bobsIdea, fork, fromChat) = (Keys.Customer("idea"), Keys.Customer("idea"), Keys.Customer("fork"), Keys.Customer("chat"));
        await Ok(Post(_world.Channel, $"{community}/ideas", new { customerId = ada, ideaId = adasIdea, title = "Seed swap", description = "Bring seeds from Leeds" }),
            HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"/api/v1/ideas/{adasIdea}/comments", new { customerId = bob, commentId = "c1", text = "Count me in." }), HttpStatusCode.Created);
        var bobSaid = await Said(bob, "Is there a swap for seeds?");
        await Ok(Post(_world.Channel, $"/api/v1/ideas/{adasIdea}/evidence", new { customerId = bob, sequence = bobSaid }));
        await Ok(Post(_world.Channel, $"/api/v1/ideas/{adasIdea}/forks", new { customerId = bob, ideaId = fork, title = "Seed library" }), HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"{community}/ideas", new { customerId = bob, ideaId = bobsIdea, title = "Tool shed" }), HttpStatusCode.Created);
        await Ok(Post(_world.Channel, $"{community}/ideas/merge", new { actorId = staff, duplicateIdeaId = bobsIdea, survivorIdeaId = adasIdea }));
        await Ok(Post(_world.Channel, $"/api/v1/ideas/{adasIdea}/status", new { actorId = staff, status = "culled", reason = "Out of season" }));
        var adaSaid = await Said(ada, "Rainwater barrels by the allotment gate, please");
        await Ok(Post(_world.Channel, $"/api/v1/customers/{ada}/timeline/{adaSaid}/idea", new { community = slug, actorId = staff, ideaId = fromChat }),
            HttpStatusCode.Created);
        // Bob's notices (the comment, the request linked, the fork, the status) arrive after the calls answer.
        await Poll.UntilAsync(async () => await TimelineAsync(bob), t => t.Contains("is now culled", StringComparison.Ordinal)
            && t.Contains("Forked an idea", StringComparison.Ordinal) && t.Contains("Commented on", StringComparison.Ordinal), TimeSpan.FromSeconds(10),
            "Bob's idea notices");
        // Staff proposed the idea made of Ada's chat, in her words.
        await Poll.UntilAsync(async () => await TimelineAsync(staff), t => t.Contains(fromChat, StringComparison.Ordinal), TimeSpan.FromSeconds(10),
            "the staff member's notice of the idea they proposed");

        await Ok(_world.Operator.DeleteAsync($"/api/v1/customers/{ada}"));

        var adas = (await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{adasIdea}"))).GetProperty("idea");
        var chat = (await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{fromChat}"))).GetProperty("idea");
        var bobs = (await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{bobsIdea}"))).GetProperty("idea");
        var forked = (await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{fork}"))).GetProperty("idea");
        Assert.Equal(("[removed]", JsonValueKind.Null), (adas.GetProperty("title").GetString(), adas.GetProperty("description").ValueKind));
        Assert.Equal(("[removed]", JsonValueKind.Null), (chat.GetProperty("title").GetString(), chat.GetProperty("description").ValueKind));
        Assert.Equal("Seed library", forked.GetProperty("title").GetString());
        Assert.Equal("A duplicate of '[removed]', merged by " + staff + ".", bobs.GetProperty("decisions")[0].GetProperty("reason").GetString());
        var feed = await FeedUntilAsync(community, bob);
        // Bob's words stay; the feed's JSON escapes the quotes.
        Assert.Contains(@"\u0027Tool shed\u0027 was merged into \u0027[removed]\u0027.", feed, StringComparison.Ordinal);
        var everything = string.Join('\n', adas.GetRawText(), chat.GetRawText(), bobs.GetRawText(), forked.GetRawText(), feed, await TimelineAsync(bob), await TimelineAsync(staff),
            (await Ok(_world.Channel.GetAsync($"{community}/ideas?include=closed"))).GetRawText(),
            (await Ok(_world.Channel.GetAsync($"/api/v1/ideas/{adasIdea}/comments"))).GetRawText());
        Assert.DoesNotContain("Seed swap", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Leeds", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Rainwater", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(ada, everything, StringComparison.Ordinal);
        Assert.Contains("Count me in.", everything, StringComparison.Ordinal);
    }

    private async Task<long> Said(string customer, string text) =>
        (await Ok(Post(_world.Channel, $"/api/v1/customers/{customer}/interactions", new
        {
            interactionId = Guid.NewGuid().ToString("N"), channel = "chat", direction = "inbound", author = new { kind = "customer" }, text,
        }), HttpStatusCode.Created)).GetProperty("sequence").GetInt64();

    private async Task<string> TimelineAsync(string customer) =>
        (await Ok(_world.Channel.GetAsync($"/api/v1/customers/{customer}/timeline?limit=200"))).GetRawText();

    /// <summary>The community's whole feed window, read until an event that happens after the erasure arrives.</summary>
    private async Task<string> FeedUntilAsync(string community, string member)
    {
        var marker = Keys.Customer("after");
        await Ok(Post(_world.Channel, $"{community}/threads", new { customerId = member, postId = marker, title = "After", text = "Later." }),
            HttpStatusCode.Created);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var live = await _world.Channel.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{community}/live?after=0"),
            HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await live.Content.ReadAsStreamAsync(cts.Token));
        var feed = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            feed.AppendLine(line);
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                break;
            }
        }

        return feed.ToString();
    }
}
