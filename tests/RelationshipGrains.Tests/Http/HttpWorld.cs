using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RelationshipGrains.Partners;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Http;

/// <summary>Drives the HTTP API as an operator, a channel app and partners would, with ids unique to one test.</summary>
internal sealed class HttpWorld(ApiFixture api)
{
    public HttpClient Operator { get; } = api.ClientWithKey(ApiFixture.OperatorKey);

    public HttpClient Channel { get; } = api.ClientWithKey(ApiFixture.ChannelKey);

    public string Category { get; } = $"cat-{Guid.NewGuid():N}"[..20];

    /// <summary>Registers a partner and returns its id and a client holding a freshly issued key.</summary>
    public async Task<(string Id, HttpClient Client, string KeyId)> Partner(string name, object? values = null, string? category = null)
    {
        var id = Keys.Customer(name);
        var registered = await Operator.PutAsJsonAsync($"/api/v1/partners/{id}", new { name, categories = new[] { category ?? Category }, values });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var key = (await (await Operator.PostAsync($"/api/v1/partners/{id}/keys", null)).ReadAsync<IssuedPartnerKey>())!;
        return (id, api.ClientWithKey(key.Key), key.KeyId);
    }

    public static async Task<JsonElement> Ok(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> Post(HttpClient client, string path, object? body = null) =>
        body is null ? client.PostAsync(path, null) : client.PostAsJsonAsync(path, body, HttpJson.Options);

    public static object Offer(decimal price, int days, params string[] certifications) =>
        new { price = new { amount = price, currency = "EUR" }, leadTimeDays = days, certifications, terms = "Net 30" };

    public static AuthenticationHeaderValue Bearer(string key) => new("Bearer", key);
}
