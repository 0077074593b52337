using System.Text.Json;
using System.Text.Json.Nodes;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Contract;

/// <summary>
/// The OpenAPI document as the silo serves it, and the copy checked in at docs/openapi/v1.json that Spectral lints and
/// the Kiota client is generated from. The copy names the embedded default as its server.
/// </summary>
public static class ContractDocument
{
    public const string EmbeddedServer = "http://127.0.0.1:5080";

    public static string CheckedInPath => Path.Combine(Repository.Root(), "docs", "openapi", "v1.json");

    /// <summary>The served document with the embedded default as its server, written the way the checked-in copy is.</summary>
    public static async Task<string> ServedAsync(ApiFixture api)
    {
        using var client = api.ClientWithKey(ApiFixture.OperatorKey);
        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        served["servers"] = new JsonArray(new JsonObject { ["url"] = EmbeddedServer });
        return served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
