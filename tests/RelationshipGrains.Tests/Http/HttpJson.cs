using System.Net.Http.Json;
using System.Text.Json;
using RelationshipGrains.Api.Hosting;

namespace RelationshipGrains.Tests.Http;

/// <summary>The API's own JSON settings, so tests read and write exactly what channel apps do.</summary>
internal static class HttpJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static Task<T?> ReadAsync<T>(this HttpResponseMessage response) => response.Content.ReadFromJsonAsync<T>(Options);

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Options));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiServiceCollectionExtensions.ConfigureJson(options);
        return options;
    }
}
