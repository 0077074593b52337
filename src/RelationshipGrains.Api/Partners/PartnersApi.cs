using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Partners;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Partners;

/// <summary>Operators register partners and issue or revoke their API keys.</summary>
public static class PartnersApi
{
    public static RouteGroupBuilder MapPartnersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("api/v1/partners/{partnerId}").WithTags("Partners (operators)").RequireAuthorization(ApiRoles.OperatorPolicy);
        api.MapPut("", Register)
            .Describe("registerPartner", "Register or update a partner",
                "Operators only. Names the partner, the intent categories it serves and its values.");
        // Read by channel apps too, as the grain client reads it (IPartnerGrain.GetAsync is on the channel surface): a
        // consent screen names the partner a customer grants to. Operators only, it was open to one surface and not the other.
        routes.MapGroup("api/v1/partners/{partnerId}").WithTags("Partners (operators)").RequireAuthorization(ApiRoles.ChannelPolicy)
            .MapGet("", Get)
            .Describe("getPartner", "Read a partner",
                "Operators and channel apps. The partner's profile; 404 when it is not registered.");
        api.MapPost("keys", IssueKey)
            .Describe("issuePartnerKey", "Issue an API key for a partner",
                "Operators only. The key is shown once in the answer; only its hash is kept.")
            .Conflicts("The partner already holds 10 live keys; revoke one first.");
        api.MapGet("keys", ListKeys)
            .Describe("listPartnerKeys", "List a partner's keys",
                "Operators only. Key ids, when each was issued and whether it was revoked; never the keys.");
        api.MapDelete("keys/{keyId}", RevokeKey)
            .Describe("revokePartnerKey", "Revoke a partner's key",
                "Operators only. The key is refused from now on; revoking it again answers 204 as well, and 404 when the partner never had such a key.");
        return api;
    }

    private static async Task<Ok<PartnerProfile>> Register(string partnerId, RegisterPartner body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.PartnerAccount(partnerId).RegisterAsync(body));

    private static async Task<Results<Ok<PartnerProfile>, NotFound>> Get(string partnerId, IGrainFactory grains) =>
        await grains.Partner(partnerId).GetAsync() is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    private static async Task<Created<IssuedPartnerKey>> IssueKey(string partnerId, IGrainFactory grains) =>
        TypedResults.Created($"/api/v1/partners/{partnerId}/keys", await grains.PartnerAccount(partnerId).IssueKeyAsync());

    private static async Task<Ok<IReadOnlyList<PartnerKeyInfo>>> ListKeys(string partnerId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.PartnerAccount(partnerId).ListKeysAsync());

    private static async Task<Results<NoContent, NotFound>> RevokeKey(string partnerId, string keyId, IGrainFactory grains) =>
        await grains.PartnerAccount(partnerId).RevokeKeyAsync(keyId) ? TypedResults.NoContent() : TypedResults.NotFound();
}
