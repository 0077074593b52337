using System.Net.Http.Json;
using System.Text.Json;

namespace RelationshipGrains.BrowserTests.Infrastructure;

/// <summary>Calls the API the way a channel app or partner would, failing with the server's answer when it refuses.</summary>
public static class ApiCall
{
    public static Task<JsonElement> PostAsync(HttpClient client, string path, object? body = null) =>
        SendAsync(client, HttpMethod.Post, path, body ?? new { });

    public static Task<JsonElement> PutAsync(HttpClient client, string path, object body) => SendAsync(client, HttpMethod.Put, path, body);

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A fresh id per test run, so tests sharing the silo never meet.</summary>
    public static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static object Offer(decimal price, int days, params string[] certifications) =>
        new { price = new { amount = price, currency = "EUR" }, leadTimeDays = days, certifications, terms = "Net 30" };
}
