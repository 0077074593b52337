using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.OpenApi;

namespace RelationshipGrains.Api.Auth;

/// <summary>Who the presented key belongs to, so a client (the console) shows only what that role may use.</summary>
public static class WhoAmIApi
{
    public static RouteHandlerBuilder MapWhoAmIApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("api/v1/me", Me)
            .Describe("getCurrentKey", "Who the calling key is",
                "The name, role and (for a partner key) partner id of the key that signed the request, so an app can "
                + "check its set-up.")
            .WithTags("Keys").RequireAuthorization(ApiRoles.AnyKeyPolicy);

    private static Ok<KeyIdentity> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new KeyIdentity(
            user.Identity?.Name ?? "",
            user.FindFirstValue(ClaimTypes.Role) ?? "",
            user.FindFirstValue(ApiKeyAuthenticationHandler.PartnerIdClaim)));
}
