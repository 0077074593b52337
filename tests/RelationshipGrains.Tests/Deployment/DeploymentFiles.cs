using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace RelationshipGrains.Tests.Deployment;

/// <summary>Reads the deployment files as plain YAML trees (with merge keys, as docker compose uses them).</summary>
internal static class DeploymentFiles
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Repository.Root(), "infra", .. parts]);

    public static Dictionary<object, object> Read(params string[] parts)
    {
        using var reader = new StreamReader(Path(parts));
        return Yaml.Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(reader)))
            ?? throw new InvalidDataException($"{Path(parts)} is empty.");
    }

    public static Dictionary<object, object> Map(this object node, string key) =>
        node is Dictionary<object, object> map && map.TryGetValue(key, out var value) && value is Dictionary<object, object> child
            ? child
            : throw new KeyNotFoundException($"No mapping '{key}'.");

    public static List<object> List(this object node, string key) =>
        node is Dictionary<object, object> map && map.TryGetValue(key, out var value) && value is List<object> child
            ? child
            : throw new KeyNotFoundException($"No list '{key}'.");

    public static string Text(this object node, string key) =>
        node is Dictionary<object, object> map && map.TryGetValue(key, out var value) && value is string text
            ? text
            : throw new KeyNotFoundException($"No value '{key}'.");

    public static Dictionary<string, string> Strings(this Dictionary<object, object> map) =>
        map.ToDictionary(p => (string)p.Key, p => p.Value as string ?? "");
}
