using System.Collections.Immutable;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace RelationshipGrains.IdentityProvider;

/// <summary>
/// An OpenID Connect provider on 127.0.0.1 (OpenIddict, in degraded mode: no database, its clients and people held
/// here): discovery, signing keys, the password grant for tests without a browser, and the authorization-code flow
/// with PKCE, refresh tokens (scope offline_access), their revocation and end-session for the console, which it allows from any origin
/// on this machine. Access tokens are plain signed JWTs for <see cref="Audience"/>.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    /// <summary>The client id tests and the console present.</summary>
    public const string ClientId = "relationship-grains-console";

    private readonly WebApplication _app;

    private TestIdentityProvider(WebApplication app, string issuer, string audience)
    {
        _app = app;
        Issuer = issuer;
        Audience = audience;
    }

    /// <summary>The issuer URL, ending in '/': what the API's <c>Auth:SignIn:Authority</c> names.</summary>
    public string Issuer { get; }

    public string Audience { get; }

    /// <param name="people">Who can sign in.</param>
    /// <param name="audience">The audience of access tokens unless a person names another.</param>
    /// <param name="signedIn">Who the sign-in page signs in when the request names nobody (no login_hint), as if they had typed it.</param>
    /// <param name="port">The port on 127.0.0.1; a free one when 0.</param>
    public static async Task<TestIdentityProvider> StartAsync(
        IReadOnlyList<TestPerson> people, string audience = "relationship-grains", TestPerson? signedIn = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var revoked = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.EnableDegradedMode();
            server.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/logout")
                .SetRevocationEndpointUris("connect/revoke");
            server.RegisterScopes(Scopes.Profile, Scopes.OfflineAccess);
            server.AllowPasswordFlow().AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow();
            // Small keys made at once: an ephemeral RSA key of 4,096 bits takes seconds on a busy 2-core machine.
            server.AddSigningKey(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)))
                .AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
            // A resource server validates the access token itself, as it would with any provider's JWTs.
            server.DisableAccessTokenEncryption();
            server.UseAspNetCore().DisableTransportSecurityRequirement();
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, $"Unknown client '{context.ClientId}'.");
                }
                else if (context.Request.IsRefreshTokenGrantType() && context.Request.RefreshToken is { } refresh && revoked.ContainsKey(refresh))
                {
                    context.Reject(Errors.InvalidGrant, "The refresh token was revoked.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateRevocationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, $"Unknown client '{context.ClientId}'.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.HandleRevocationRequestContext>(h => h.UseInlineHandler(context =>
            {
                // Degraded mode keeps no token store: the provider remembers what was revoked for as long as it runs.
                revoked[context.Request.Token!] = true;
                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.Request.IsPasswordGrantType())
                {
                    var person = people.FirstOrDefault(p => p.UserName == context.Request.Username && p.Password == context.Request.Password);
                    if (person is null)
                    {
                        context.Reject(Errors.InvalidGrant, "The user name or password is wrong.");
                        return default;
                    }

                    context.SignIn(Principal(person, audience, context.Request.GetScopes()));
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, $"Unknown client '{context.ClientId}'.");
                }
                else if (!Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var redirect) || !redirect.IsLoopback)
                {
                    context.Reject(Errors.InvalidRequest, "The redirect URI must be on this machine.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.HandleAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                // No login page: the login_hint names who signs in, as a browser test would have typed it.
                var person = context.Request.LoginHint is { } hint ? people.FirstOrDefault(p => p.UserName == hint) : signedIn;
                if (person is null)
                {
                    context.Reject(Errors.LoginRequired, "Send login_hint with the user name of someone this provider knows.");
                    return default;
                }

                context.SignIn(Principal(person, audience, context.Request.GetScopes()));
                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateEndSessionRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } back && (!Uri.TryCreate(back, UriKind.Absolute, out var uri) || !uri.IsLoopback))
                {
                    context.Reject(Errors.InvalidRequest, "The post-logout redirect URI must be on this machine.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.HandleEndSessionRequestContext>(h => h.UseInlineHandler(context =>
            {
                // No session cookie is kept here, so ending the session is only the redirect back.
                context.SignOut();
                return default;
            }));
        });
        builder.Services.AddCors();

        var app = builder.Build();
        // The console calls the token endpoint from its own origin; CORS must answer before OpenIddict does, inside
        // the authentication middleware.
        app.UseCors(cors => cors.SetIsOriginAllowed(origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.IsLoopback)
            .AllowAnyHeader().AllowAnyMethod());
        app.UseAuthentication();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestIdentityProvider(app, address.TrimEnd('/') + "/", audience);
    }

    private static ClaimsPrincipal Principal(TestPerson person, string audience, ImmutableArray<string> scopes)
    {
        var identity = new ClaimsIdentity("test-provider", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject)
            .SetClaim(Claims.Name, person.Name)
            .SetClaims("roles", [.. person.Roles]);
        if (person.CustomerId is { } customerId)
        {
            identity.SetClaim("customer_id", customerId);
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes).SetAudiences(person.Audience ?? audience).SetResources(person.Audience ?? audience);
        if (person.TokenLifetime is { } lifetime)
        {
            principal.SetAccessTokenLifetime(lifetime);
        }

        principal.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return principal;
    }

    /// <summary>An access token for <paramref name="person"/> through the password grant, as a test without a browser signs in.</summary>
    public async Task<string> AccessTokenAsync(TestPerson person)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Issuer) };
        using var answer = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.Password,
            ["client_id"] = ClientId,
            ["username"] = person.UserName,
            ["password"] = person.Password,
            ["scope"] = Scopes.OpenId,
        }));
        var body = await answer.Content.ReadFromJsonAsync<TokenAnswer>();
        return answer.IsSuccessStatusCode && body?.AccessToken is { } token
            ? token
            : throw new InvalidOperationException($"The test provider refused {person.UserName}: {(int)answer.StatusCode} {body?.Error} {body?.ErrorDescription}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
