namespace RelationshipGrains.Partners;

/// <summary>
/// Partner keys read <c>rgp.{partnerId}.{keyId}.{secret}</c>, so the API finds the partner and the key from the key
/// itself. Key ids and secrets never contain '.', so the last two dots split them off even if a partner id has one.
/// </summary>
public static class PartnerKeyFormat
{
    /// <summary>What every partner key starts with.</summary>
    public const string Prefix = "rgp.";

    /// <summary>The text of a key.</summary>
    /// <param name="partnerId">The partner's id.</param>
    /// <param name="keyId">The key's id; never holds '.'.</param>
    /// <param name="secret">The key's secret; never holds '.'.</param>
    /// <returns><c>rgp.{partnerId}.{keyId}.{secret}</c>.</returns>
    public static string Format(string partnerId, string keyId, string secret) => $"{Prefix}{partnerId}.{keyId}.{secret}";

    /// <summary>Splits a presented key into its parts; false when it is not a partner key.</summary>
    /// <param name="key">The key as presented; null is not a partner key.</param>
    /// <param name="partnerId">The partner's id (it may itself hold '.'); only meaningful when the method returns true.</param>
    /// <param name="keyId">The key's id; only meaningful when the method returns true.</param>
    /// <param name="secret">The secret to verify; only meaningful when the method returns true.</param>
    /// <returns>True when the key starts with <c>rgp.</c> and holds a non-empty partner id, key id and secret.</returns>
    public static bool TryParse(string key, out string partnerId, out string keyId, out string secret)
    {
        partnerId = keyId = secret = "";
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal))
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
        return keyId.Length > 0 && secret.Length > 0;
    }
}
