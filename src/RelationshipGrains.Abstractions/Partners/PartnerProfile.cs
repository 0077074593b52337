namespace RelationshipGrains.Partners;

/// <summary>A registered partner.</summary>
/// <param name="PartnerId">The partner's id.</param>
/// <param name="Name">The partner's name.</param>
/// <param name="Categories">The intent categories it serves, without duplicates.</param>
/// <param name="Values">Its values profile: names to weights from 0 to 1.</param>
/// <param name="ContactUrl">Where to reach it, or null.</param>
/// <param name="RegisteredAt">When it was first registered.</param>
[GenerateSerializer, Immutable, Alias("rg.PartnerProfile")]
public sealed record PartnerProfile(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Categories,
    [property: Id(3)] IReadOnlyDictionary<string, double> Values,
    [property: Id(4)] string? ContactUrl,
    [property: Id(5)] DateTimeOffset RegisteredAt);
