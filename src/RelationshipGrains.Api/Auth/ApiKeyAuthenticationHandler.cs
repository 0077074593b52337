using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationshipGrains.Api.Errors;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against the configured keys in constant time.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> keys,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string PartnerIdClaim = "partner_id";

    /// <summary>
    /// Browser pages for operators (the Orleans dashboard) live under this path. There the key may also come as the
    /// password of HTTP Basic, which a browser asks for and then sends with every request the page makes. Nowhere
    /// else: a browser sends Basic credentials to cross-site requests too, and the API's writes must not be forgeable.
    /// </summary>
    public const string BrowserPagesPath = "/dashboard";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && Request.Path.StartsWithSegments(BrowserPagesPath))
        {
            return BasicPassword(header["Basic ".Length..].Trim()) is { } password
                ? AuthenticateConfigured(password)
                : AuthenticateResult.Fail("The Basic credentials are not base64 'user:api key'.");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <api key>'.");
        }

        var key = header["Bearer ".Length..].Trim();
        return PartnerKeyFormat.TryParse(key, out var partnerId, out var keyId, out var secret)
            ? await AuthenticatePartnerAsync(partnerId, keyId, secret)
            : AuthenticateConfigured(key);
    }

    /// <summary>Keys issued to partners live (hashed) in their grains, so a revocation counts from the next request.</summary>
    private async Task<AuthenticateResult> AuthenticatePartnerAsync(string partnerId, string keyId, string secret)
    {
        if (!Check.IsId(partnerId) || !await grains.GetGrain<IPartnerAccountGrain>(partnerId).VerifyKeyAsync(keyId, secret))
        {
            return AuthenticateResult.Fail("The API key is not recognised.");
        }

        return Success(partnerId, ApiRoles.Partner, partnerId);
    }

    private AuthenticateResult AuthenticateConfigured(string key)
    {
        // No configured key is this short, so nothing is compared: an empty Basic password or bearer token must
        // never meet an entry hashed from an unset variable.
        if (key.Length < ApiKeyHash.MinimumKeyLength)
        {
            return AuthenticateResult.Fail("The API key is not recognised.");
        }

        var presented = ApiKeyHash.Of(key);
        ApiKeyEntry? match = null;
        foreach (var entry in keys.CurrentValue.Keys)
        {
            // Every entry is compared so the time taken does not reveal which key nearly matched.
            var expected = entry.Sha256 is { } hex ? Convert.FromHexString(hex) : ApiKeyHash.Of(entry.Key ?? "");
            if (CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                match = entry;
            }
        }

        return match is null ? AuthenticateResult.Fail("The API key is not recognised.") : Success(match.Name, match.Role, match.PartnerId);
    }

    private static AuthenticateResult Success(string name, string role, string? partnerId)
    {
        List<Claim> claims = [new(ClaimTypes.Name, name), new(ClaimTypes.Role, role)];
        if (partnerId is not null)
        {
            claims.Add(new Claim(PartnerIdClaim, partnerId));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static string? BasicPassword(string encoded)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? decoded[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if ((await HandleAuthenticateOnceSafeAsync()).Failure is { } failure)
        {
            Context.Items[StatusDetails.AuthenticationFailure] = failure.Message;
        }

        Response.Headers.WWWAuthenticate = Request.Path.StartsWithSegments(BrowserPagesPath)
            ? "Basic realm=\"RelationshipGrains operators (any user name, the API key as password)\""
            : "Bearer";
        await base.HandleChallengeAsync(properties);
    }
}
