using System.Net;
using System.Text;
using System.Text.Json;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Exporting_a_customer(ApiFixture api)
{
    [Fact]
    public async Task An_operator_exports_the_profile_and_the_whole_timeline()
    {
        var customer = Keys.Customer();
        var channel = api.ClientWithKey(ApiFixture.ChannelKey);
        await channel.PutAsync($"/api/v1/customers/{customer}", new StringContent("""{"displayName":"Ada"}""", Encoding.UTF8, "application/json"));
        for (var i = 1; i <= 3; i++)
        {
            await channel.PostAsync($"/api/v1/customers/{customer}/interactions", new StringContent(
                $$"""{"interactionId":"x-{{i}}","channel":"phone","direction":"inbound","author":{"kind":"customer"},"text":"call {{i}}"}""",
                Encoding.UTF8, "application/json"));
        }

        var response = await api.ClientWithKey(ApiFixture.OperatorKey).GetAsync($"/api/v1/customers/{customer}/export");
        using var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ada", export.RootElement.GetProperty("profile").GetProperty("displayName").GetString());
        Assert.Equal([1, 2, 3, 4], export.RootElement.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt32()));
    }

    [Fact]
    public async Task The_export_lists_what_partners_read_about_the_customer()
    {
        var world = new HttpWorld(api);
        var customer = Keys.Customer();
        var (partner, client, _) = await world.Partner("reader");
        await HttpWorld.Ok(world.Channel.PutAsync($"/api/v1/customers/{customer}", new StringContent("""{"displayName":"Ada"}""", Encoding.UTF8, "application/json")));
        await HttpWorld.Ok(world.Channel.PutAsync($"/api/v1/customers/{customer}/consents/{partner}",
            new StringContent("""{"scopes":["profile"]}""", Encoding.UTF8, "application/json")));
        await HttpWorld.Ok(client.GetAsync($"/api/v1/partner/customers/{customer}/profile"));

        var export = await HttpWorld.Ok(world.Operator.GetAsync($"/api/v1/customers/{customer}/export"));

        // The description promised partner reads; the document held none, so a customer asking for everything held
        // about them did not learn who had read their profile.
        var read = Assert.Single(export.GetProperty("partnerReads").EnumerateArray());
        Assert.Equal((partner, "profile", "profile"), (read.GetProperty("partnerId").GetString(), read.GetProperty("what").GetString(),
            read.GetProperty("scope").GetString()));
    }

    [Fact]
    public async Task A_channel_app_may_not_export()
    {
        var response = await api.ClientWithKey(ApiFixture.ChannelKey).GetAsync($"/api/v1/customers/{Keys.Customer()}/export");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
