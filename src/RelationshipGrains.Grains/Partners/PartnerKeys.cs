using System.Security.Cryptography;
using System.Text;

namespace RelationshipGrains.Grains.Partners;

/// <summary>
/// Partner keys read <c>rgp.{partnerId}.{keyId}.{secret}</c>: the API finds the partner and key from the key
/// itself, then checks the 256-bit secret against a salted hash. A plain salted SHA-256 suffices for random
/// secrets of this length; a slow password hash would only slow every request.
/// </summary>
public static class PartnerKeys
{
    public const string Prefix = "rgp.";

    public static (string KeyId, string Secret, PartnerKeyRecord Record) Issue(DateTimeOffset now)
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        return (keyId, secret, new PartnerKeyRecord(salt, Hash(salt, secret), now));
    }

    public static string Format(string partnerId, string keyId, string secret) => $"{Prefix}{partnerId}.{keyId}.{secret}";

    /// <summary>Splits a presented key; partner ids never contain '.' in the middle of a key because the key id and secret do not.</summary>
    public static bool TryParse(string key, out string partnerId, out string keyId, out string secret)
    {
        partnerId = keyId = secret = "";
        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = key[Prefix.Length..];
        var lastDot = rest.LastIndexOf('.');
        var keyDot = lastDot > 0 ? rest.LastIndexOf('.', lastDot - 1) : -1;
        if (keyDot <= 0)
        {
            return false;
        }

        (partnerId, keyId, secret) = (rest[..keyDot], rest[(keyDot + 1)..lastDot], rest[(lastDot + 1)..]);
        return partnerId.Length > 0 && keyId.Length > 0 && secret.Length > 0;
    }

    public static bool Matches(PartnerKeyRecord record, string secret) =>
        CryptographicOperations.FixedTimeEquals(record.Hash, Hash(record.Salt, secret));

    private static byte[] Hash(byte[] salt, string secret) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
