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

    public string For(string customerId, string partnerId) => Named("cust-", partnerId, customerId);

    /// <summary>What an erased customer is called in the communities that keep their posts, votes and evidence.</summary>
    /// <remarks>The context has a space, which no partner id may hold, so no partner's pseudonym can equal it.</remarks>
    public string ForErasedCustomer(string customerId) => Named("erased-", "erased customer", customerId);

    private string Named(string prefix, string context, string customerId)
    {
        var digest = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{context}\n{customerId}"));
        return prefix + Convert.ToHexStringLower(digest.AsSpan(0, 10));
    }
}
