using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RelationshipGrains.Grains.Partners;

/// <summary>
/// Issues partner secrets and checks them against a salted hash. A salted SHA-256 suffices for random 256-bit
/// secrets; a slow password hash would only slow every request. The key's text form is <see cref="RelationshipGrains.Partners.PartnerKeyFormat"/>.
/// </summary>
public static class PartnerKeys
{
    public static (string KeyId, string Secret, PartnerKeyRecord Record) Issue(DateTimeOffset now)
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        return (keyId, secret, new PartnerKeyRecord(salt, Hash(salt, secret), now));
    }

    public static bool Matches(PartnerKeyRecord record, string secret) =>
        CryptographicOperations.FixedTimeEquals(record.Hash, Hash(record.Salt, secret));

    private static byte[] Hash(byte[] salt, string secret) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]);
}
