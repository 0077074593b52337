using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Partners;

/// <summary>Operators register partners and issue or revoke their API keys.</summary>
public static class PartnersApi
{
    public static RouteGroupBuilder MapPartnersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/partners/{partnerId}").WithTags("Partners (operators)").RequireAuthorization(ApiRoles.OperatorPolicy);
        api.MapPut("", Register);
        api.MapGet("", Get);
        api.MapPost("keys", IssueKey);
        api.MapGet("keys", ListKeys);
        api.MapDelete("keys/{keyId}", RevokeKey);
        return api;
    }

    private static async Task<Ok<PartnerProfile>> Register(string partnerId, RegisterPartner body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Partner(partnerId).RegisterAsync(body));

    private static async Task<Results<Ok<PartnerProfile>, NotFound>> Get(string partnerId, IGrainFactory grains) =>
        await grains.Partner(partnerId).GetAsync() is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    private static async Task<Created<IssuedPartnerKey>> IssueKey(string partnerId, IGrainFactory grains) =>
        TypedResults.Created($"/api/v1/partners/{partnerId}/keys", await grains.Partner(partnerId).IssueKeyAsync());

    private static async Task<Ok<IReadOnlyList<PartnerKeyInfo>>> ListKeys(string partnerId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Partner(partnerId).ListKeysAsync());

    private static async Task<Results<NoContent, NotFound>> RevokeKey(string partnerId, string keyId, IGrainFactory grains) =>
        await grains.Partner(partnerId).RevokeKeyAsync(keyId) ? TypedResults.NoContent() : TypedResults.NotFound();
}
