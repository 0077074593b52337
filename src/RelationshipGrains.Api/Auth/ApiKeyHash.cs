using System.Security.Cryptography;
using System.Text;

namespace RelationshipGrains.Api.Auth;

/// <summary>Keys are compared as SHA-256 digests so that configuration never needs to hold a production key.</summary>
public static class ApiKeyHash
{
    /// <summary>The shortest key we configure or issue; anything shorter presented is refused before it is compared.</summary>
    public const int MinimumKeyLength = 16;

    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool IsHex(string value) => value.Length == 64 && value.All(Uri.IsHexDigit);
}
