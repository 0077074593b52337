using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RelationshipGrains.Tests.Infrastructure;
using static RelationshipGrains.Tests.Http.HttpWorld;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Finding_a_customer(ApiFixture api)
{
    private readonly HttpWorld _world = new(api);

    [Fact]
    public async Task Staff_find_a_customer_by_name_contact_tag_or_id_and_an_erased_one_is_gone()
    {
        var token = Guid.NewGuid().ToString("N")[..10];
        var ada = Keys.Customer("ada");
        var bob = Keys.Customer("bob");
        await Profile(ada, new { displayName = $"Ada {token}", contactPoints = new[] { new { channel = "email", address = $"ada.{token}@example.com" } },
            tags = new[] { $"vip-{token}" } });
        await Profile(bob, new { displayName = $"Bob {token}" });

        Assert.Equal([ada, bob], await Find(token));
        Assert.Equal([ada], await Find($"ada {token}"));
        Assert.Equal([ada], await Find($"ada.{token}@EXAMPLE"));
        Assert.Equal([ada], await Find($"vip-{token}"));
        Assert.Equal([bob], await Find(bob));

        await Profile(ada, new { displayName = $"Augusta {token}" });
        Assert.Empty(await Find($"ada {token}"));
        Assert.Equal([ada], await Find($"augusta {token}"));

        await Ok(_world.Operator.DeleteAsync($"/api/v1/customers/{ada}"));
        Assert.Equal([bob], await Find(token));
    }

    [Theory]
    [InlineData("?q=a", "q")]
    [InlineData("", "q")]
    [InlineData("?q=ada&limit=0", "limit")]
    [InlineData("?q=ada&limit=51", "limit")]
    public async Task A_search_too_short_or_too_wide_is_refused_naming_the_field(string query, string field)
    {
        var problem = await Ok(_world.Channel.GetAsync($"/api/v1/customers{query}"), HttpStatusCode.BadRequest);

        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    private Task Profile(string customerId, object body) =>
        Ok(_world.Channel.PutAsync($"/api/v1/customers/{customerId}", JsonContent.Create(body)));

    private async Task<List<string>> Find(string query)
    {
        var found = await Ok(_world.Channel.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString(query)}"));
        return [.. found.EnumerateArray().Select(c => c.GetProperty("customerId").GetString()!)];
    }
}
