using System.Net;
using RelationshipGrains.Tests.Infrastructure;
using static RelationshipGrains.Tests.Http.HttpWorld;

namespace RelationshipGrains.Tests.Http;

/// <summary>Two partners and two customers; every attempt to reach across must fail, and say nothing of what is there.</summary>
[Collection(ApiCollection.Name)]
public sealed class Refusing_cross_access(ApiFixture api)
{
    private readonly HttpWorld _world = new(api);

    private async Task<(string Customer, string ChainId)> ChainWith(string role, params string[] partners)
    {
        var customer = Keys.Customer();
        var chainId = Keys.Customer("chain");
        await Ok(Post(_world.Channel, $"/api/v1/customers/{customer}/value-chains", new { valueChainId = chainId, title = "Mine", slots = new[] { new { role } } }),
            HttpStatusCode.Created);
        foreach (var partner in partners)
        {
            await Ok(Post(_world.Channel, $"/api/v1/customers/{customer}/value-chains/{chainId}/slots/{role}/invitations", new { partnerId = partner }));
        }

        return (customer, chainId);
    }

    [Fact]
    public async Task A_partner_cannot_touch_a_value_chain_it_is_not_in()
    {
        var alpha = await _world.Partner("alpha");
        var beta = await _world.Partner("beta");
        var (_, alphasChain) = await ChainWith("maker", alpha.Id);
        var (_, betasChain) = await ChainWith("maker", beta.Id);

        await Ok(beta.Client.GetAsync($"/api/v1/partner/value-chains/{alphasChain}"), HttpStatusCode.NotFound);
        await Ok(Post(beta.Client, $"/api/v1/partner/value-chains/{alphasChain}/slots/maker/offers", Offer(10, 1)), HttpStatusCode.NotFound);
        await Ok(Post(beta.Client, $"/api/v1/partner/value-chains/{alphasChain}/slots/maker/status", new { status = "shipped" }), HttpStatusCode.NotFound);
        var betasList = await Ok(beta.Client.GetAsync("/api/v1/partner/value-chains"));

        Assert.Equal([betasChain], betasList.EnumerateArray().Select(c => c.GetProperty("valueChainId").GetString()));
    }

    [Fact]
    public async Task Partners_in_the_same_slot_never_see_each_others_offers()
    {
        var alpha = await _world.Partner("alpha");
        var beta = await _world.Partner("beta");
        var (customer, chain) = await ChainWith("maker", alpha.Id, beta.Id);
        await Ok(Post(alpha.Client, $"/api/v1/partner/value-chains/{chain}/slots/maker/offers", Offer(100, 5)));
        await Ok(Post(beta.Client, $"/api/v1/partner/value-chains/{chain}/slots/maker/offers", Offer(90, 6)));
        await Ok(Post(_world.Channel, $"/api/v1/customers/{customer}/value-chains/{chain}/slots/maker/accept", new { partnerId = alpha.Id }));

        var betasView = await Ok(beta.Client.GetAsync($"/api/v1/partner/value-chains/{chain}"));
        var slot = betasView.GetProperty("slots")[0];

        Assert.Equal([beta.Id], slot.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("partnerId").GetString()));
        Assert.Equal([beta.Id], slot.GetProperty("invitedPartners").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, slot.GetProperty("acceptedPartnerId").ValueKind);
        Assert.Empty(betasView.GetProperty("history").EnumerateArray());
        Assert.DoesNotContain(customer, betasView.GetRawText());
    }

    [Fact]
    public async Task A_customer_route_cannot_reach_another_customers_chain()
    {
        var (_, chain) = await ChainWith("maker");
        var other = Keys.Customer();

        await Ok(_world.Channel.GetAsync($"/api/v1/customers/{other}/value-chains/{chain}"), HttpStatusCode.NotFound);
        await Ok(Post(_world.Channel, $"/api/v1/customers/{other}/value-chains/{chain}/commit"), HttpStatusCode.NotFound);
        await Ok(Post(_world.Channel, $"/api/v1/customers/{other}/value-chains/{chain}/cancel"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_partner_cannot_use_another_partners_intent_or_see_customers_without_consent()
    {
        var alpha = await _world.Partner("alpha");
        var beta = await _world.Partner("beta", category: "elsewhere");
        var customer = Keys.Customer();
        await Ok(_world.Channel.PutAsync($"/api/v1/customers/{customer}", System.Net.Http.Json.JsonContent.Create(new { displayName = "Ada" })));
        await Ok(Post(_world.Channel, $"/api/v1/customers/{customer}/intents", new { intentId = "i", text = "A sofa", category = _world.Category }),
            HttpStatusCode.Created);
        var alphasCast = (await Ok(alpha.Client.GetAsync("/api/v1/partner/intents")))[0].GetProperty("castId").GetString();

        await Ok(Post(beta.Client, $"/api/v1/partner/intents/{alphasCast}/offers", Offer(10, 1)), HttpStatusCode.NotFound);
        Assert.Empty((await Ok(beta.Client.GetAsync("/api/v1/partner/intents"))).EnumerateArray());
        await Ok(alpha.Client.GetAsync($"/api/v1/partner/customers/{customer}/profile"), HttpStatusCode.NotFound);
        await Ok(alpha.Client.GetAsync($"/api/v1/partner/customers/{customer}/timeline"), HttpStatusCode.NotFound);

        await Ok(_world.Channel.PutAsync($"/api/v1/customers/{customer}/consents/{alpha.Id}",
            System.Net.Http.Json.JsonContent.Create(new { scopes = new[] { "profile", "conversation" } })));
        await Ok(alpha.Client.GetAsync($"/api/v1/partner/customers/{customer}/profile"));
        await Ok(beta.Client.GetAsync($"/api/v1/partner/customers/{customer}/profile"), HttpStatusCode.NotFound);
        await Ok(_world.Channel.DeleteAsync($"/api/v1/customers/{customer}/consents/{alpha.Id}"), HttpStatusCode.NoContent);
        await Ok(alpha.Client.GetAsync($"/api/v1/partner/customers/{customer}/profile"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Keys_only_open_their_own_door_and_a_revoked_key_opens_none()
    {
        var alpha = await _world.Partner("alpha");

        await Ok(alpha.Client.GetAsync($"/api/v1/customers/{Keys.Customer()}/timeline"), HttpStatusCode.Forbidden);
        await Ok(alpha.Client.GetAsync($"/api/v1/partners/{alpha.Id}"), HttpStatusCode.Forbidden);
        // A channel app reads a partner's profile, as through the grain client, and changes nothing of it.
        await Ok(_world.Channel.GetAsync($"/api/v1/partners/{alpha.Id}"), HttpStatusCode.OK);
        await Ok(_world.Channel.GetAsync($"/api/v1/partners/{alpha.Id}/keys"), HttpStatusCode.Forbidden);
        await Ok(_world.Channel.GetAsync("/api/v1/partner/intents"), HttpStatusCode.Forbidden);
        await Ok(_world.Operator.DeleteAsync($"/api/v1/partners/{alpha.Id}/keys/{alpha.KeyId}"), HttpStatusCode.NoContent);
        await Ok(alpha.Client.GetAsync("/api/v1/partner/intents"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_forged_partner_key_is_refused()
    {
        var alpha = await _world.Partner("alpha");
        var forged = api.ClientWithKey($"rgp.{alpha.Id}.{alpha.KeyId}.not-the-secret");

        await Ok(forged.GetAsync("/api/v1/partner/intents"), HttpStatusCode.Unauthorized);
    }
}
