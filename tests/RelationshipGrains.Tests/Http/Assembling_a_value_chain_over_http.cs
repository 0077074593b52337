using System.Net;
using System.Text.Json;
using RelationshipGrains.Tests.Infrastructure;
using static RelationshipGrains.Tests.Http.HttpWorld;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Assembling_a_value_chain_over_http(ApiFixture api)
{
    [Fact]
    public async Task The_whole_story_from_intent_to_delivery_runs_through_the_http_api_alone()
    {
        var world = new HttpWorld(api);
        var green = await world.Partner("green-frames", new { sustainability = 1.0, price = 0.3 });
        var cheap = await world.Partner("cheap-frames", new { sustainability = 0.1, price = 1.0 });
        var bank = await world.Partner("fair-bank", category: "finance");
        var courier = await world.Partner("van-courier", category: "logistics");
        var cyclist = await world.Partner("cargo-cyclist", category: "logistics");
        var ada = Keys.Customer("ada");
        var customer = $"/api/v1/customers/{ada}";

        // The customer states what she wants; it is cast to the frame makers, the one that thinks alike first.
        await Ok(world.Channel.PutAsync($"{customer}/values", Json("""{"weights":{"sustainability":0.9,"price":0.2}}""")));
        var intent = await Ok(Post(world.Channel, $"{customer}/intents", new { intentId = "bike", text = "A cargo bike for two children", category = world.Category,
            budget = new { amount = 6000, currency = "EUR" } }), HttpStatusCode.Created);
        Assert.Equal([green.Id, cheap.Id], intent.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("partnerId").GetString()));

        // The best match sees the intent under a pseudonym and offers.
        var inbox = await Ok(green.Client.GetAsync("/api/v1/partner/intents"));
        var cast = inbox.EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, cast.GetProperty("customerId").ValueKind);
        await Ok(Post(green.Client, $"/api/v1/partner/intents/{cast.GetProperty("castId").GetString()}/offers", Offer(4_800, 21, "iso-4210")));

        // Accepting the offer seeds a value chain; the customer adds financing and delivery and invites partners.
        var chainId = Keys.Customer("chain");
        var chain = $"{customer}/value-chains/{chainId}";
        await Ok(Post(world.Channel, $"{customer}/intents/bike/offers/{green.Id}/accept", new { valueChainId = chainId }), HttpStatusCode.Created);
        await Ok(Post(world.Channel, $"{chain}/slots", new { role = "financing", constraints = new { maxPrice = new { amount = 300, currency = "EUR" } } }));
        await Ok(Post(world.Channel, $"{chain}/slots", new { role = "delivery", constraints = new { maxLeadTimeDays = 3 } }));
        await Ok(Post(world.Channel, $"{chain}/slots/financing/invitations", new { partnerId = bank.Id }));
        await Ok(Post(world.Channel, $"{chain}/slots/delivery/invitations", new { partnerId = courier.Id }));
        await Ok(Post(world.Channel, $"{chain}/slots/delivery/invitations", new { partnerId = cyclist.Id }));
        await Ok(Post(bank.Client, $"/api/v1/partner/value-chains/{chainId}/slots/financing/offers", Offer(250, 2)));
        await Ok(Post(courier.Client, $"/api/v1/partner/value-chains/{chainId}/slots/delivery/offers", Offer(60, 2)));
        await Ok(Post(cyclist.Client, $"/api/v1/partner/value-chains/{chainId}/slots/delivery/offers", Offer(45, 3)));

        // She accepts, then swaps the courier for the cargo cyclist before committing.
        await Ok(Post(world.Channel, $"{chain}/slots/financing/accept", new { partnerId = bank.Id }));
        await Ok(Post(world.Channel, $"{chain}/slots/delivery/accept", new { partnerId = courier.Id }));
        var swapped = await Ok(Post(world.Channel, $"{chain}/slots/delivery/accept", new { partnerId = cyclist.Id }));
        Assert.Equal(courier.Id, swapped.GetProperty("history").EnumerateArray().Last().GetProperty("replaced").GetString());
        var committed = await Ok(Post(world.Channel, $"{chain}/commit"));
        Assert.Equal("committed", committed.GetProperty("status").GetString());

        // Each partner reports its slot through to delivery.
        foreach (var (partner, role) in new[] { (green, world.Category), (bank, "financing"), (cyclist, "delivery") })
        {
            foreach (var status in new[] { "in-production", "shipped", "delivered" })
            {
                await Ok(Post(partner.Client, $"/api/v1/partner/value-chains/{chainId}/slots/{role}/status", new { status }));
            }
        }

        var done = await Ok(world.Channel.GetAsync(chain));
        var timeline = await Ok(world.Channel.GetAsync($"{customer}/timeline?after=0&limit=200"));
        var kinds = timeline.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.All(done.GetProperty("slots").EnumerateArray(), s => Assert.Equal("delivered", s.GetProperty("fulfilment").GetString()));
        Assert.Contains("intent-expressed", kinds);
        Assert.Contains("intent-offer-received", kinds);
        Assert.Equal(22, kinds.Count(k => k == "value-chain-step")); // one for each step this test took on the chain
        Assert.Contains(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("text").GetString()!.Contains("Swapped"));

        // The customer's export carries the whole chain too.
        var export = await Ok(world.Operator.GetAsync($"{customer}/export"));
        var exported = Assert.Single(export.GetProperty("valueChains").EnumerateArray());
        Assert.Equal(chainId, exported.GetProperty("valueChainId").GetString());
        Assert.Equal(3, exported.GetProperty("slots").GetArrayLength());
    }

    [Fact]
    public async Task Commit_with_an_unmet_slot_is_409_naming_it_and_changes_nothing()
    {
        var world = new HttpWorld(api);
        var customer = $"/api/v1/customers/{Keys.Customer()}";
        var chainId = Keys.Customer("chain");
        await Ok(Post(world.Channel, $"{customer}/value-chains", new { valueChainId = chainId, title = "Kitchen", slots = new[] { new { role = "carpenter" } } }),
            HttpStatusCode.Created);

        var problem = await Ok(Post(world.Channel, $"{customer}/value-chains/{chainId}/commit"), HttpStatusCode.Conflict);

        Assert.Equal("The value chain cannot be committed: slot 'carpenter' has no accepted offer.", problem.GetProperty("detail").GetString());
        var chain = await Ok(world.Channel.GetAsync($"{customer}/value-chains/{chainId}"), HttpStatusCode.OK);
        Assert.Equal("open", chain.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Malformed_input_is_400_naming_the_field_even_where_the_chain_s_state_would_refuse_it()
    {
        var world = new HttpWorld(api);
        var maker = await world.Partner("steady-maker");
        var customer = $"/api/v1/customers/{Keys.Customer()}";
        var chainId = Keys.Customer("chain");
        var chain = $"{customer}/value-chains/{chainId}";
        await Ok(Post(world.Channel, $"{customer}/value-chains", new { valueChainId = chainId, title = "Table", slots = new[] { new { role = "maker" } } }),
            HttpStatusCode.Created);
        await Ok(Post(world.Channel, $"{chain}/slots/maker/invitations", new { partnerId = maker.Id }));
        var noPartner = await Ok(Post(world.Channel, $"{chain}/slots/maker/accept", new { }), HttpStatusCode.BadRequest);
        await Ok(Post(maker.Client, $"/api/v1/partner/value-chains/{chainId}/slots/maker/offers", Offer(900, 10)));
        await Ok(Post(world.Channel, $"{chain}/slots/maker/accept", new { partnerId = maker.Id }));
        await Ok(Post(world.Channel, $"{chain}/commit"));

        var noRole = await Ok(Post(world.Channel, $"{chain}/slots", new { requirements = "oak" }), HttpStatusCode.BadRequest);
        var badRole = await Ok(Post(world.Channel, $"{chain}/slots/Bad%20Id/invitations", new { partnerId = maker.Id }), HttpStatusCode.BadRequest);
        var noPrice = await Ok(Post(maker.Client, $"/api/v1/partner/value-chains/{chainId}/slots/maker/offers", new { leadTimeDays = 3 }), HttpStatusCode.BadRequest);
        var wellFormed = await Ok(Post(world.Channel, $"{chain}/slots", new { role = "courier" }), HttpStatusCode.Conflict);

        Assert.Equal(("partnerId", "partnerId is required."), (noPartner.GetProperty("field").GetString(), noPartner.GetProperty("detail").GetString()));
        Assert.Equal(["role", "role", "price"], new[] { noRole, badRole, noPrice }.Select(p => p.GetProperty("field").GetString()));
        Assert.StartsWith($"Value chain '{chainId}' is committed", wellFormed.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
