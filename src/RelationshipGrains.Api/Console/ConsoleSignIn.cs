using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using RelationshipGrains.Api.Auth.SignIn;

namespace RelationshipGrains.Api.Console;

/// <summary>
/// What the console needs to sign a person in at the organisation's provider: the endpoints come from the
/// provider's discovery document, which the API reads for its signing keys anyway, so the page fetches nothing else.
/// </summary>
internal static class ConsoleSignIn
{
    public static async Task<Ok<ConsoleSignInSettings>> SettingsAsync(
        IOptions<SignInOptions> options, IOptionsMonitor<JwtBearerOptions> jwt, CancellationToken cancellationToken)
    {
        var signIn = options.Value;
        if (!signIn.ConsoleEnabled)
        {
            return TypedResults.Ok(ConsoleSignInSettings.Off);
        }

        var discovery = await DiscoveryAsync(jwt, cancellationToken);
        return TypedResults.Ok(new ConsoleSignInSettings(
            true, signIn.ConsoleClientId, signIn.ConsoleScope, discovery.AuthorizationEndpoint, discovery.TokenEndpoint,
            string.IsNullOrEmpty(discovery.EndSessionEndpoint) ? null : discovery.EndSessionEndpoint,
            SameOrigin(discovery.RevocationEndpoint, discovery.TokenEndpoint)));
    }

    /// <summary>The page may call only the token endpoint's origin (its CSP says so), so an endpoint elsewhere is not offered.</summary>
    private static string? SameOrigin(string? endpoint, string? tokenEndpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && Uri.TryCreate(tokenEndpoint, UriKind.Absolute, out var token)
            && uri.GetLeftPart(UriPartial.Authority) == token.GetLeftPart(UriPartial.Authority)
            ? endpoint
            : null;

    /// <summary>
    /// The origin of the provider's token endpoint, which the page's token requests go to and the content security
    /// policy allows; the issuer's origin while the discovery document cannot be read.
    /// </summary>
    public static async Task<string?> TokenOriginAsync(SignInOptions signIn, IOptionsMonitor<JwtBearerOptions> jwt, CancellationToken cancellationToken)
    {
        if (!signIn.ConsoleEnabled)
        {
            return null;
        }

        try
        {
            var discovery = await DiscoveryAsync(jwt, cancellationToken);
            if (Uri.TryCreate(discovery.TokenEndpoint, UriKind.Absolute, out var endpoint))
            {
                return endpoint.GetLeftPart(UriPartial.Authority);
            }
        }
        catch (InvalidOperationException)
        {
            // The provider is unreachable for now; the page's sign-in will say so when it tries.
        }

        return new Uri(signIn.Authority!).GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The provider's discovery document, as the sign-in scheme holds it (fetched once, then cached).</summary>
    private static Task<OpenIdConnectConfiguration> DiscoveryAsync(IOptionsMonitor<JwtBearerOptions> jwt, CancellationToken cancellationToken) =>
        jwt.Get(SignInAuthentication.SchemeName).ConfigurationManager!.GetConfigurationAsync(cancellationToken);
}

/// <summary>The console's sign-in set-up; <see cref="Enabled"/> false when only API keys are taken.</summary>
internal sealed record ConsoleSignInSettings(
    bool Enabled, string? ClientId = null, string? Scope = null, string? AuthorizationEndpoint = null, string? TokenEndpoint = null,
    string? EndSessionEndpoint = null, string? RevocationEndpoint = null)
{
    public static ConsoleSignInSettings Off { get; } = new(false);
}
