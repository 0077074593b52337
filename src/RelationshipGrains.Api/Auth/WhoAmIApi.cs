using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.OpenApi;

namespace RelationshipGrains.Api.Auth;

/// <summary>Who the presented key or sign-in belongs to, so a client (the console) shows only what that role may use.</summary>
public static class WhoAmIApi
{
    public static RouteHandlerBuilder MapWhoAmIApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("api/v1/me", Me)
            .Describe("getCurrentKey", "Who is calling",
                "The name, role and (for a partner key) partner id of the key that signed the request, or a signed-in "
                + "person's name, staff role and subject, so an app can check its set-up.")
            .WithTags("Keys").RequireAuthorization(ApiRoles.AnyKeyPolicy);

    private static Ok<KeyIdentity> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new KeyIdentity(
            user.Identity?.Name ?? "",
            user.FindFirstValue(ClaimTypes.Role) ?? "",
            user.FindFirstValue(ApiKeyAuthenticationHandler.PartnerIdClaim),
            user.Subject(),
            user.CustomerId()));
}
