using RelationshipGrains.Errors;
using RelationshipGrains.Naming;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>Lets one partner see the given scopes until revoked or until <see cref="ExpiresAt"/>. Replaces an earlier grant to the same partner.</summary>
/// <param name="PartnerId">The registered partner to grant to, 1-64 characters of a-z, 0-9, '.', '_' or '-'.</param>
/// <param name="Scopes">What the partner may see: one or more of profile, conversation and intents.</param>
/// <param name="ExpiresAt">When the grant lapses, in the future; null means until revoked.</param>
[GenerateSerializer, Immutable, Alias("rg.GrantConsent")]
public sealed record GrantConsent(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] IReadOnlyList<ConsentScope>? Scopes,
    [property: Id(2)] DateTimeOffset? ExpiresAt = null)
{
    /// <summary>Checks every field; the expiry must lie after <paramref name="now"/>.</summary>
    /// <param name="now">The current time, which the expiry must lie after.</param>
    /// <returns>The scopes without duplicates, in the order profile, conversation, intents.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The partner id is malformed, no scope or an unknown one is given, or the expiry is not in the future.
    /// </exception>
    public IReadOnlyList<ConsentScope> Validate(DateTimeOffset now)
    {
        Check.Id(PartnerId, "partnerId");
        var scopes = Check.List(Scopes, "scopes", Enum.GetValues<ConsentScope>().Length);
        if (scopes.Count == 0)
        {
            throw new RelationshipValidationException("scopes", $"scopes must name at least one of: {Kebab.List<ConsentScope>()}.");
        }

        for (var i = 0; i < scopes.Count; i++)
        {
            Check.Defined<ConsentScope>(scopes[i], $"scopes[{i}]");
        }

        if (ExpiresAt is { } expires && expires <= now)
        {
            throw new RelationshipValidationException("expiresAt", "expiresAt must lie in the future.");
        }

        return [.. scopes.Distinct().Order()];
    }
}
