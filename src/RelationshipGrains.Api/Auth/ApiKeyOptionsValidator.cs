using Microsoft.Extensions.Options;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.Hosting;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Auth;

/// <summary>
/// Refuses to start with an unusable key list, naming the setting at fault, and with a published development key
/// outside the embedded profile.
/// </summary>
public sealed class ApiKeyOptionsValidator(IOptions<ApiOptions> api, IOptions<SignInOptions> signIn) : IValidateOptions<ApiKeyOptions>
{
    private static readonly byte[][] DevelopmentHashes = [.. ApiKeyOptions.DevelopmentKeys.Select(ApiKeyHash.Of)];
    private static readonly string EmptyKeyHash = Convert.ToHexString(ApiKeyHash.Of(""));

    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        if (options.Keys.Count == 0 && !signIn.Value.Enabled)
        {
            return ValidateOptionsResult.Fail(
                $"Auth:Keys is empty and {SignInOptions.Section}:Authority is not set: configure at least one API key (Name, Role and Key or Sha256) or staff sign-in.");
        }

        List<string> failures = [];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var at = $"Auth:Keys:{i}";

            // One secret under two entries would authenticate as whichever is found first, whatever its role.
            if (HashOf(key) is { } hash && !seen.TryAdd(hash, i))
            {
                failures.Add($"{at} is the same key as Auth:Keys:{seen[hash]}; give every entry a key of its own.");
            }

            if (string.IsNullOrWhiteSpace(key.Name))
            {
                failures.Add($"{at}:Name is required.");
            }

            if (!ApiRoles.All.Contains(key.Role))
            {
                failures.Add($"{at}:Role must be one of: {string.Join(", ", ApiRoles.All)}.");
            }

            if (string.IsNullOrEmpty(key.Key) == string.IsNullOrEmpty(key.Sha256))
            {
                failures.Add($"{at}: give exactly one of Key or Sha256.");
            }
            else if (key.Key is { Length: < ApiKeyHash.MinimumKeyLength })
            {
                failures.Add($"{at}:Key must be at least {ApiKeyHash.MinimumKeyLength} characters.");
            }
            else if (key.Sha256 is not null && !ApiKeyHash.IsHex(key.Sha256))
            {
                failures.Add($"{at}:Sha256 must be 64 hexadecimal characters.");
            }
            else if (key.Sha256 is not null && key.Sha256.Equals(EmptyKeyHash, StringComparison.OrdinalIgnoreCase))
            {
                // What `printf '%s' "$KEY" | sha256sum` gives when KEY was never set.
                failures.Add($"{at}:Sha256 is the hash of an empty key; hash the key itself.");
            }

            if (!api.Value.DevelopmentKeysAllowed && IsDevelopmentKey(key))
            {
                failures.Add($"{at} is a published development key, accepted only by the embedded profile; configure a key of your own.");
            }

            if (key.Role == ApiRoles.Partner && string.IsNullOrEmpty(key.PartnerId))
            {
                failures.Add($"{at}:PartnerId is required for a partner key.");
            }
            else if (key.Role == ApiRoles.Partner && !Check.IsId(key.PartnerId))
            {
                // Taken as it stands, every call the key made was refused for the partner id it carries.
                failures.Add($"{at}:PartnerId '{key.PartnerId}' is not a partner id: 1-64 characters of a-z, 0-9, '.', '_' or '-'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? HashOf(ApiKeyEntry key) => key switch
    {
        { Key: { Length: > 0 } plain } => Convert.ToHexString(ApiKeyHash.Of(plain)),
        { Sha256: { } hex } when ApiKeyHash.IsHex(hex) => hex.ToUpperInvariant(),
        _ => null,
    };

    private static bool IsDevelopmentKey(ApiKeyEntry key) =>
        (key.Key is { } plain && ApiKeyOptions.DevelopmentKeys.Contains(plain))
        || (key.Sha256 is { } hex && ApiKeyHash.IsHex(hex) && DevelopmentHashes.Any(h => h.AsSpan().SequenceEqual(Convert.FromHexString(hex))));
}
