namespace RelationshipGrains.Partners;

/// <summary>An issued key without its secret.</summary>
/// <param name="KeyId">The key's id.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="RevokedAt">When it was revoked, or null while live.</param>
[GenerateSerializer, Immutable, Alias("rg.PartnerKeyInfo")]
public sealed record PartnerKeyInfo([property: Id(0)] string KeyId, [property: Id(1)] DateTimeOffset IssuedAt, [property: Id(2)] DateTimeOffset? RevokedAt);
