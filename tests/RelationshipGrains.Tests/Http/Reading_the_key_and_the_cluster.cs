using System.Net;
using RelationshipGrains.Tests.Infrastructure;
using static RelationshipGrains.Tests.Http.HttpWorld;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Reading_the_key_and_the_cluster(ApiFixture api)
{
    [Fact]
    public async Task Each_key_learns_its_own_role_and_a_partner_key_its_partner()
    {
        var world = new HttpWorld(api);
        var partner = await world.Partner("who-am-i");

        var channel = await Ok(world.Channel.GetAsync("/api/v1/me"));
        var operatorKey = await Ok(world.Operator.GetAsync("/api/v1/me"));
        var partnerKey = await Ok(partner.Client.GetAsync("/api/v1/me"));

        Assert.Equal("channel", channel.GetProperty("role").GetString());
        Assert.Equal("operator", operatorKey.GetProperty("role").GetString());
        Assert.Equal("partner", partnerKey.GetProperty("role").GetString());
        Assert.Equal(partner.Id, partnerKey.GetProperty("partnerId").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWithKey(null).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Operators_see_the_silo_and_the_customer_grains_it_holds()
    {
        var world = new HttpWorld(api);
        await Ok(Post(world.Channel, $"/api/v1/customers/{Keys.Customer("ops")}/interactions", new
        {
            interactionId = "ping", channel = "web", direction = "inbound", author = new { kind = "customer" }, text = "Hello",
        }), HttpStatusCode.Created);

        var cluster = await Ok(world.Operator.GetAsync("/api/v1/operations/cluster"));

        var silo = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
        Assert.Equal("active", silo.GetProperty("status").GetString());
        Assert.True(silo.GetProperty("activations").GetInt32() >= 1);
        var customers = cluster.GetProperty("grainTypes").EnumerateArray().Single(g => g.GetProperty("grainType").GetString() == "CustomerGrain");
        Assert.True(customers.GetProperty("activations").GetInt32() >= 1);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Channel.GetAsync("/api/v1/operations/cluster")).StatusCode);
    }

    [Fact]
    public async Task The_console_is_served_with_its_scripts_and_no_file_outside_it()
    {
        var anonymous = api.ClientWithKey(null);

        var page = await anonymous.GetAsync("/console/");
        var script = await anonymous.GetAsync("/console/js/app.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<main id=\"main\"", await page.Content.ReadAsStringAsync());
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/console/%2e%2e/appsettings.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/console/RelationshipGrains.Api.dll")).StatusCode);
        Assert.False((await Ok(anonymous.GetAsync("/console/sign-in.json"))).GetProperty("enabled").GetBoolean());
        Assert.Contains("connect-src 'self';", string.Join(' ', page.Headers.GetValues("Content-Security-Policy")));
    }
}
