using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RelationshipGrains.Grains.Privacy;

/// <summary>
/// A customer's name for one partner: HMAC-SHA256 of partner and customer ids under a secret. Stable, so a
/// partner can tell its own conversations apart; different per partner, so partners cannot join what they know.
/// </summary>
public sealed class Pseudonyms(IOptions<PrivacyOptions> options)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options.Value.PseudonymSecret);

    public string For(string customerId, string partnerId)
    {
        var digest = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{partnerId}\n{customerId}"));
        return "cust-" + Convert.ToHexStringLower(digest.AsSpan(0, 10));
    }

    /// <summary>What an erased customer is called in the communities that keep their posts, votes and evidence.</summary>
    public string ForErasedCustomer(string customerId)
    {
        var digest = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"erased\n{customerId}"));
        return "erased-" + Convert.ToHexStringLower(digest.AsSpan(0, 10));
    }
}
