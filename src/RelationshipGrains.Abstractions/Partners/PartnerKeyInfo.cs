namespace RelationshipGrains.Partners;

/// <summary>An issued key without its secret.</summary>
[GenerateSerializer, Immutable, Alias("rg.PartnerKeyInfo")]
public sealed record PartnerKeyInfo([property: Id(0)] string KeyId, [property: Id(1)] DateTimeOffset IssuedAt, [property: Id(2)] DateTimeOffset? RevokedAt);
