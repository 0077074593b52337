using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
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
        if (!signIn.Enabled || string.IsNullOrWhiteSpace(signIn.ConsoleClientId))
        {
            return TypedResults.Ok(ConsoleSignInSettings.Off);
        }

        var discovery = await jwt.Get(SignInAuthentication.SchemeName).ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        return TypedResults.Ok(new ConsoleSignInSettings(
            true, signIn.ConsoleClientId, signIn.ConsoleScope, discovery.AuthorizationEndpoint, discovery.TokenEndpoint,
            string.IsNullOrEmpty(discovery.EndSessionEndpoint) ? null : discovery.EndSessionEndpoint));
    }

    /// <summary>The provider's origin, which the page's token requests go to; the content security policy allows it.</summary>
    public static string? ProviderOrigin(SignInOptions signIn) =>
        signIn.Enabled && !string.IsNullOrWhiteSpace(signIn.ConsoleClientId) && Uri.TryCreate(signIn.Authority, UriKind.Absolute, out var authority)
            ? authority.GetLeftPart(UriPartial.Authority)
            : null;
}

/// <summary>The console's sign-in set-up; <see cref="Enabled"/> false when only API keys are taken.</summary>
internal sealed record ConsoleSignInSettings(
    bool Enabled, string? ClientId = null, string? Scope = null, string? AuthorizationEndpoint = null, string? TokenEndpoint = null,
    string? EndSessionEndpoint = null)
{
    public static ConsoleSignInSettings Off { get; } = new(false);
}
