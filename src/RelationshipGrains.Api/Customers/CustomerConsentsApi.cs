using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Customers;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Customers;

/// <summary>Consent grants per partner: list, grant or replace, revoke.</summary>
internal static class CustomerConsentsApi
{
    public static RouteGroupBuilder MapCustomerConsentsApi(this RouteGroupBuilder customer)
    {
        customer.MapGet("consents", List)
            .Describe("listConsents", "List a customer's consent grants",
                "Which registered partners may see which scopes (profile, conversation, intents) of the customer, "
                + "since when and until when.")
            .OpenToTheCustomer();
        customer.MapPut("consents/{partnerId}", Grant)
            .Describe("grantConsent", "Grant or change a partner's consent",
                "Gives a registered partner the scopes listed, replacing any earlier grant; 404 when the partner is "
                + "not registered.")
            .OpenToTheCustomer()
            .Conflicts("The customer already grants consent to 500 other partners, the most at once (expired grants do not count).");
        customer.MapDelete("consents/{partnerId}", Revoke)
            .Describe("revokeConsent", "Revoke a partner's consent",
                "The partner sees nothing of the customer from now on; 404 when it held no consent, or its consent had expired.")
            .OpenToTheCustomer();
        customer.MapGet("partner-access", Access)
            .Describe("listPartnerAccess", "List partners' reads of a customer's data",
                "The latest 1,000 reads partners made of the customer's profile, timeline and intents, newest first.")
            .OpenToTheCustomer();
        return customer;
    }

    private static async Task<Ok<IReadOnlyList<ConsentGrant>>> List(string customerId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(customerId).ListConsentsAsync());

    private static async Task<Ok<ConsentGrant>> Grant(string customerId, string partnerId, ConsentBody body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(customerId).GrantConsentAsync(new GrantConsent(partnerId, body.Scopes, body.ExpiresAt)));

    /// <summary>The audit log: every read of the customer's data by a partner, under which consent.</summary>
    private static async Task<Ok<IReadOnlyList<PartnerAccess>>> Access(string customerId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(customerId).ListPartnerAccessAsync());

    private static async Task<Results<NoContent, NotFound>> Revoke(string customerId, string partnerId, IGrainFactory grains) =>
        await grains.Customer(customerId).RevokeConsentAsync(partnerId) ? TypedResults.NoContent() : TypedResults.NotFound();
}
