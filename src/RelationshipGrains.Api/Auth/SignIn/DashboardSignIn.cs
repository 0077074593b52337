using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RelationshipGrains.Api.Auth.SignIn;

/// <summary>
/// Operators open the Orleans dashboard, a browser page that cannot send a bearer token, by signing in at the
/// organisation's provider: the authorization code with PKCE, then a cookie that holds only for the dashboard's path.
/// </summary>
public static class DashboardSignIn
{
    public const string CookieScheme = "DashboardCookie";

    public const string ProviderScheme = "DashboardSignIn";

    internal static AuthenticationBuilder AddDashboardSignIn(this AuthenticationBuilder auth, IServiceCollection services)
    {
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure(cookie =>
        {
            cookie.Cookie.Name = "rg.dashboard";
            cookie.Cookie.Path = ApiKeyAuthenticationHandler.BrowserPagesPath;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // A fixed working day: the roles in the cookie are read at sign-in, so an operator removed from the group
            // loses the dashboard by the next sign-in at the latest.
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = false;
            cookie.ForwardChallenge = ProviderScheme;
            // A signed-in person without the operator role is told so, not sent round the provider again.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddOptions<OpenIdConnectOptions>(ProviderScheme).Configure<IOptions<SignInOptions>>((oidc, options) => Configure(oidc, options.Value));
        return auth.AddCookie(CookieScheme, _ => { }).AddOpenIdConnect(ProviderScheme, _ => { });
    }

    /// <summary>A browser on the dashboard without credentials of its own is sent to sign in.</summary>
    internal static bool Applies(HttpContext http, SignInOptions signIn) =>
        signIn.DashboardEnabled && http.Request.Path.StartsWithSegments(ApiKeyAuthenticationHandler.BrowserPagesPath)
        && string.IsNullOrEmpty(http.Request.Headers.Authorization);

    private static void Configure(OpenIdConnectOptions oidc, SignInOptions signIn)
    {
        if (!signIn.DashboardEnabled)
        {
            return;
        }

        oidc.Authority = signIn.Authority;
        oidc.ClientId = signIn.DashboardClientId;
        oidc.ClientSecret = signIn.DashboardClientSecret;
        oidc.RequireHttpsMetadata = signIn.RequireHttpsMetadata;
        oidc.ResponseType = "code";
        oidc.UsePkce = true;
        // The code comes back on a top-level GET, so the correlation and nonce cookies can be SameSite=Lax and work
        // on a plain-http silo too; form_post needs SameSite=None, which browsers accept only over https. PKCE binds
        // the code to this browser either way.
        oidc.ResponseMode = "query";
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.SignInScheme = CookieScheme;
        oidc.CallbackPath = $"{ApiKeyAuthenticationHandler.BrowserPagesPath}/signin-oidc";
        oidc.SignedOutCallbackPath = $"{ApiKeyAuthenticationHandler.BrowserPagesPath}/signout-callback-oidc";
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        oidc.Scope.Add("profile");
        oidc.MapInboundClaims = false;
        oidc.SaveTokens = false;
        oidc.TokenValidationParameters.AuthenticationType = SignInAuthentication.SchemeName;
        oidc.TokenValidationParameters.NameClaimType = signIn.NameClaim;
        oidc.TokenValidationParameters.RoleClaimType = System.Security.Claims.ClaimTypes.Role;
        oidc.Events.OnTokenValidated = context =>
        {
            if (SignInAuthentication.Unidentified(context.Principal!) is { } refusal)
            {
                context.Fail(refusal);
            }
            else
            {
                SignInAuthentication.GrantRoles(context.Principal!, signIn);
            }

            return Task.CompletedTask;
        };
    }
}
