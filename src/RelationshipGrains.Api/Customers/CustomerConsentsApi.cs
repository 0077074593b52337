using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Customers;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Customers;

/// <summary>Consent grants per partner: list, grant or replace, revoke.</summary>
internal static class CustomerConsentsApi
{
    public static RouteGroupBuilder MapCustomerConsentsApi(this RouteGroupBuilder customer)
    {
        customer.MapGet("consents", List);
        customer.MapPut("consents/{partnerId}", Grant);
        customer.MapDelete("consents/{partnerId}", Revoke);
        customer.MapGet("partner-access", Access);
        return customer;
    }

    private static async Task<Ok<IReadOnlyList<ConsentGrant>>> List(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(id).ListConsentsAsync());

    private static async Task<Ok<ConsentGrant>> Grant(string id, string partnerId, ConsentBody body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(id).GrantConsentAsync(new GrantConsent(partnerId, body.Scopes, body.ExpiresAt)));

    /// <summary>The audit log: every read of the customer's data by a partner, under which consent.</summary>
    private static async Task<Ok<IReadOnlyList<PartnerAccess>>> Access(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(id).ListPartnerAccessAsync());

    private static async Task<Results<NoContent, NotFound>> Revoke(string id, string partnerId, IGrainFactory grains) =>
        await grains.Customer(id).RevokeConsentAsync(partnerId) ? TypedResults.NoContent() : TypedResults.NotFound();
}
