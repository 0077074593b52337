namespace RelationshipGrains.Partners;

/// <summary>A registered partner.</summary>
[GenerateSerializer, Immutable, Alias("rg.PartnerProfile")]
public sealed record PartnerProfile(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Categories,
    [property: Id(3)] IReadOnlyDictionary<string, double> Values,
    [property: Id(4)] string? ContactUrl,
    [property: Id(5)] DateTimeOffset RegisteredAt);
