namespace RelationshipGrains.Partners;

/// <summary>A new API key. <c>key</c> is shown this once; only a salted hash is kept.</summary>
/// <param name="KeyId">The key's id (12 hexadecimal characters), for listing and revoking it.</param>
/// <param name="Key">The whole key, <c>rgp.{partnerId}.{keyId}.{secret}</c>, to send on every request.</param>
[GenerateSerializer, Immutable, Alias("rg.IssuedPartnerKey")]
public sealed record IssuedPartnerKey([property: Id(0)] string KeyId, [property: Id(1)] string Key);
