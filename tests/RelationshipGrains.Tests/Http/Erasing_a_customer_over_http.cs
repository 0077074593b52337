using System.Net;
using System.Text;
using System.Text.Json;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Erasing_a_customer_over_http(ApiFixture api)
{
    [Fact]
    public async Task An_operator_erases_a_customer_and_a_channel_app_may_not()
    {
        var customer = Keys.Customer();
        var channel = api.ClientWithKey(ApiFixture.ChannelKey);
        var operatorClient = api.ClientWithKey(ApiFixture.OperatorKey);
        await channel.PutAsync($"/api/v1/customers/{customer}", new StringContent("""{"displayName":"Grace"}""", Encoding.UTF8, "application/json"));

        var refused = await channel.DeleteAsync($"/api/v1/customers/{customer}");
        var erased = await operatorClient.DeleteAsync($"/api/v1/customers/{customer}");
        var profile = await channel.GetAsync($"/api/v1/customers/{customer}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        using var receipt = JsonDocument.Parse(await erased.Content.ReadAsStringAsync());
        Assert.Equal(customer, receipt.RootElement.GetProperty("customerId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, profile.StatusCode);
    }
}
