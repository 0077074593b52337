using System.Text.Json;
using System.Text.Json.Nodes;
using RelationshipGrains.Api.Hosting;
using RelationshipGrains.Customers;

namespace RelationshipGrains.Tests.Naming;

/// <summary>Every enum the product exposes, the C# names no surface may show, and what a surface's JSON says.</summary>
public static class EnumNames
{
    public static IReadOnlyList<Type> Exposed { get; } =
        [.. typeof(Channel).Assembly.GetExportedTypes().Where(t => t.IsEnum).OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>The member names as C# spells them ("Store", "InDesign"): none of them may reach a caller.</summary>
    public static IReadOnlySet<string> CSharp { get; } = Exposed.SelectMany(Enum.GetNames).ToHashSet(StringComparer.Ordinal);

    /// <summary>The API's own JSON options, as every HTTP response, live feed and export is written with.</summary>
    public static JsonSerializerOptions Api { get; } = Configure();

    /// <summary>Every property name and string value in a JSON document, however deep.</summary>
    public static IReadOnlyList<string> Strings(string json)
    {
        var found = new List<string>();
        Walk(JsonNode.Parse(json), found);
        return found;
    }

    /// <summary>The strings of a document that are C# member names rather than the one spelling.</summary>
    public static IReadOnlyList<string> CSharpNamesIn(string json) => [.. Strings(json).Where(CSharp.Contains).Distinct()];

    private static void Walk(JsonNode? node, List<string> found)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    found.Add(name);
                    Walk(value, found);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Walk(item, found);
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var text):
                found.Add(text);
                break;
        }
    }

    private static JsonSerializerOptions Configure()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiServiceCollectionExtensions.ConfigureJson(options);
        return options;
    }
}
