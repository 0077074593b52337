namespace RelationshipGrains.Partners;

/// <summary>A new API key. <c>key</c> is shown this once; only a salted hash is kept.</summary>
[GenerateSerializer, Immutable, Alias("rg.IssuedPartnerKey")]
public sealed record IssuedPartnerKey([property: Id(0)] string KeyId, [property: Id(1)] string Key);
