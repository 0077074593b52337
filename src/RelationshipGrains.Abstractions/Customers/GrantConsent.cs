using RelationshipGrains.Errors;
using RelationshipGrains.Naming;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>Lets one partner see the given scopes until revoked or until <see cref="ExpiresAt"/>. Replaces an earlier grant to the same partner.</summary>
[GenerateSerializer, Immutable, Alias("rg.GrantConsent")]
public sealed record GrantConsent(
    [property: Id(0)] string PartnerId,
    [property: Id(1)] IReadOnlyList<ConsentScope>? Scopes,
    [property: Id(2)] DateTimeOffset? ExpiresAt = null)
{
    /// <summary>Checks every field; the expiry must lie after <paramref name="now"/>.</summary>
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
