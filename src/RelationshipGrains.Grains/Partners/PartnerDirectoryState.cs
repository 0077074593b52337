namespace RelationshipGrains.Grains.Partners;

[GenerateSerializer, Alias("rg.PartnerDirectoryState")]
public sealed class PartnerDirectoryState
{
    [Id(0)] public Dictionary<string, DirectoryEntry> Partners { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("rg.DirectoryEntry")]
public sealed record DirectoryEntry(
    [property: Id(0)] IReadOnlyList<string> Categories,
    [property: Id(1)] IReadOnlyDictionary<string, double> Values);
