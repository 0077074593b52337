namespace RelationshipGrains.Grains.Partners;

/// <summary>An issued key as stored: a random salt and SHA-256(salt + secret), never the secret.</summary>
[GenerateSerializer, Immutable, Alias("rg.PartnerKeyRecord")]
public sealed record PartnerKeyRecord(
    [property: Id(0)] byte[] Salt,
    [property: Id(1)] byte[] Hash,
    [property: Id(2)] DateTimeOffset IssuedAt,
    [property: Id(3)] DateTimeOffset? RevokedAt = null);
