using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RelationshipGrains.Integration.Webhooks;

/// <summary>
/// Signatures on webhooks both ways: HMAC-SHA256 over "{timestamp}.{body}" with the shared secret, sent as
/// <c>X-RG-Signature: sha256={hex}</c> beside <c>X-RG-Timestamp</c> (Unix seconds). Signing the timestamp lets a
/// receiver refuse replays of old deliveries.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-RG-Signature";
    public const string TimestampHeader = "X-RG-Timestamp";
    public const string DeliveryHeader = "X-RG-Delivery";
    public const string EventHeader = "X-RG-Event";

    /// <summary>How far a timestamp may be from our clock.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>Whether the signature is right for the body and the timestamp is recent; compared in constant time.</summary>
    public static bool Verify(string secret, string? timestamp, string body, string? signature, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature is null
            || (now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799))).Duration() > Tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
