using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RelationshipGrains.Api.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Auth.SignIn;

/// <summary>
/// People sign in with the organisation's OpenID Connect provider and send its access token as a bearer token;
/// machines send API keys. One scheme tells them apart by shape, so every route takes either.
/// </summary>
public static class SignInAuthentication
{
    /// <summary>The scheme every route uses: it forwards to the key or the sign-in scheme.</summary>
    public const string KeyOrSignInScheme = "KeyOrSignIn";

    /// <summary>Access tokens from the configured provider.</summary>
    public const string SchemeName = "SignIn";

    /// <summary>What a caller is told to wait while the provider cannot be reached.</summary>
    public const int ProviderRetrySeconds = 30;

    public static AuthenticationBuilder AddKeyOrSignIn(this AuthenticationBuilder auth, IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInOptions>().Bind(configuration.GetSection(SignInOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInOptions>, SignInOptionsValidator>();
        services.AddOptions<JwtBearerOptions>(SchemeName).Configure<IOptions<SignInOptions>>((jwt, signIn) => Configure(jwt, signIn.Value));
        auth.AddPolicyScheme(KeyOrSignInScheme, "An API key or a signed-in person's access token", o => o.ForwardDefaultSelector = Select)
            .AddJwtBearer(SchemeName, _ => { });
        // A remote sign-in scheme checks its options on every request, so it exists only when it is configured.
        return configuration.GetSection(SignInOptions.Section).Get<SignInOptions>() is { DashboardEnabled: true }
            ? auth.AddDashboardSignIn(services)
            : auth;
    }

    /// <summary>
    /// A JSON Web Token has three base64url parts and its header starts "eyJ"; partner keys never look like one, and
    /// a configured key that did would only be refused as a token.
    /// </summary>
    private static string Select(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        var signIn = http.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value;
        if (DashboardSignIn.Applies(http, signIn))
        {
            return DashboardSignIn.CookieScheme;
        }

        return signIn.Enabled && token.StartsWith("eyJ", StringComparison.Ordinal) && token.Count(c => c == '.') == 2
            ? SchemeName
            : ApiKeyAuthenticationHandler.SchemeName;
    }

    private static void Configure(JwtBearerOptions jwt, SignInOptions signIn)
    {
        if (!signIn.Enabled)
        {
            return;
        }

        jwt.Authority = signIn.Authority;
        jwt.TokenValidationParameters.ValidAudiences = signIn.CustomersEnabled ? [signIn.Audience, signIn.CustomerAudience!] : [signIn.Audience];
        jwt.RequireHttpsMetadata = signIn.RequireHttpsMetadata;
        // Claims keep the provider's names (sub, name, roles) instead of being renamed to long WS-Federation URIs.
        jwt.MapInboundClaims = false;
        // How SignedInPerson tells a person from a key.
        jwt.TokenValidationParameters.AuthenticationType = SchemeName;
        jwt.TokenValidationParameters.NameClaimType = signIn.NameClaim;
        jwt.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
        jwt.TokenValidationParameters.ClockSkew = signIn.ClockSkew;
        // "https://x/" and "https://x" are different audiences here, as Admit compares them.
        jwt.TokenValidationParameters.IgnoreTrailingSlashWhenValidatingAudience = false;
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (Admit(context.Principal!, context.SecurityToken, signIn) is { } refusal)
                {
                    context.Fail(refusal);
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                // JwtBearer goes on without the discovery document when it cannot fetch it, and then calls a good
                // token's issuer or keys wrong. Asking for the document again tells an outage from a bad token: the
                // caller is told to wait, not to sign in again and lose the token.
                if (context.AuthenticateFailure is not null && !await ProviderReachableAsync(context.Options, context.HttpContext.RequestAborted))
                {
                    context.HandleResponse();
                    context.Response.Headers.RetryAfter = ProviderRetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Sign-in provider unreachable",
                        detail: $"The sign-in provider ({signIn.Authority}) cannot be reached to check the token; try again in {ProviderRetrySeconds} s.")
                        .ExecuteAsync(context.HttpContext);
                    return;
                }

                if (context.AuthenticateFailure is { } failure)
                {
                    context.HttpContext.Items[StatusDetails.AuthenticationFailure] = Describe(failure, signIn);
                }
            },
        };
    }

    private static async Task<bool> ProviderReachableAsync(JwtBearerOptions jwt, CancellationToken cancellationToken)
    {
        try
        {
            await jwt.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// What a validated access token may do: a staff token (our audience) gets the staff roles its groups grant, a
    /// customer's token (the customers' audience) acts for its customer id alone; anything else is refused, with the
    /// sentence returned.
    /// </summary>
    private static string? Admit(ClaimsPrincipal principal, SecurityToken token, SignInOptions signIn)
    {
        var audiences = token is JsonWebToken jwt ? jwt.Audiences.ToList() : [];
        var staff = audiences.Contains(signIn.Audience, StringComparer.Ordinal);
        var customer = signIn.CustomersEnabled && audiences.Contains(signIn.CustomerAudience!, StringComparer.Ordinal);
        if (Unidentified(principal) is { } missing)
        {
            return missing;
        }

        if (staff == customer)
        {
            return staff
                ? $"The sign-in token names both the staff audience '{signIn.Audience}' and the customers' '{signIn.CustomerAudience}'; it must name one."
                : "The sign-in token names no audience this API takes.";
        }

        if (staff)
        {
            GrantRoles(principal, signIn);
            return null;
        }

        var identity = (ClaimsIdentity)principal.Identity!;
        if (identity.FindFirst(signIn.CustomerIdClaim)?.Value is not { } customerId)
        {
            return $"The customer's sign-in token has no customer id in its '{signIn.CustomerIdClaim}' claim.";
        }

        if (!Check.IsId(customerId))
        {
            return $"The customer's sign-in token's '{signIn.CustomerIdClaim}' is not a customer id here (1-64 lower-case letters, digits, '.', '_' or '-').";
        }

        identity.AddClaim(new Claim(ClaimTypes.Role, ApiRoles.Customer));
        identity.AddClaim(new Claim(CustomerSelfService.CustomerIdClaim, customerId));
        return null;
    }

    /// <summary>
    /// Drops claims only this API may set (a role, a customer id of ours) should the token carry them, and refuses a
    /// token without a subject: the subject is who the logs and the timeline name.
    /// </summary>
    internal static string? Unidentified(ClaimsPrincipal principal)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var ours in identity.Claims.Where(c => c.Type is ClaimTypes.Role or CustomerSelfService.CustomerIdClaim).ToList())
        {
            identity.RemoveClaim(ours);
        }

        return string.IsNullOrEmpty(identity.FindFirst("sub")?.Value) ? "The sign-in token names no subject (sub), so it cannot say who is acting." : null;
    }

    /// <summary>
    /// Our staff roles from the provider's role claim, as <see cref="SignInOptions.Roles"/> maps them. A sign-in that
    /// carries a customer id is a customer's and grants no staff role, whatever groups it lists.
    /// </summary>
    internal static void GrantRoles(ClaimsPrincipal principal, SignInOptions signIn)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        if (identity.HasClaim(c => c.Type == signIn.CustomerIdClaim))
        {
            return;
        }

        var held = identity.FindAll(signIn.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var role in SignInOptions.StaffRoles.Where(r => signIn.ValuesFor(r).Any(held.Contains)))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }
    }

    private static string Describe(Exception failure, SignInOptions signIn) => failure switch
    {
        SecurityTokenExpiredException expired =>
            $"The sign-in token expired at {expired.Expires:u}; sign in again or refresh the token.",
        SecurityTokenInvalidIssuerException =>
            $"The sign-in token was not issued by this API's provider ({signIn.Authority}).",
        SecurityTokenInvalidAudienceException =>
            $"The sign-in token is meant for another audience; this API takes tokens for '{signIn.Audience}'"
            + (signIn.CustomersEnabled ? $" (staff) or '{signIn.CustomerAudience}' (customers)." : "."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            $"The sign-in token's signature does not match any signing key of the provider ({signIn.Authority}).",
        // Our own refusals (Fail in OnTokenValidated) are already sentences a person can act on.
        AuthenticationFailureException => failure.Message,
        _ => "The sign-in token was refused; sign in again.",
    };
}
