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

    /// <summary>
    /// The BI read model's key for one intent, from its "customer/intent" key: it counts intents by state and needs
    /// no one's id, which it kept for good (erasure does not reach it).
    /// </summary>
    public string ForIntentCount(string customerAndIntent) => Named("intent-", "intent count", customerAndIntent);

    private string Named(string prefix, string context, string subject)
    {
        var digest = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{context}\n{subject}"));
        return prefix + Convert.ToHexStringLower(digest.AsSpan(0, 10));
    }
}
