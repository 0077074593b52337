using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Customers;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Api.Customers;

/// <summary>
/// Data stewardship, for operators and the customer themselves: everything held about one customer (the whole timeline streamed), and erasure.
/// </summary>
internal static class CustomerExportApi
{
    public static RouteGroupBuilder MapCustomerExportApi(this RouteGroupBuilder customer)
    {
        customer.MapGet("export", Export)
            .Describe("exportCustomer", "Export everything held about a customer",
                "Operators, or the customer themselves. Streams the customer's profile, values, consents, intents, value chains, "
                + "partner reads (the latest 1,000: who read what, when, under which consent) and the whole timeline, archived "
                + "pages included, as one JSON document (data portability).")
            .RequireAuthorization(ApiRoles.OperatorOrCustomerPolicy)
            .OpenToTheCustomer();
        customer.MapDelete("", Erase)
            .Describe("eraseCustomer", "Erase a customer",
                "Operators, or the customer themselves. Removes the customer's personal data from the timeline, journals and archives, tells"
                + " every partner that holds or held consent, read the customer's data or was cast an intent, to erase its copy"
                + " and returns a receipt;"
                + " asking again returns the same receipt (with any value chain noted for the customer since, which it"
                + " cancels too). Posts and comments lose their text, and ideas in the customer's words their title and "
                + "description, unless keepPostTexts=true.")
            .RequireAuthorization(ApiRoles.OperatorOrCustomerPolicy)
            .OpenToTheCustomer();
        return customer;
    }

    // ?keepPostTexts=true keeps the texts of the customer's community posts, comments and ideas under the pseudonym; by
    // default they become "[removed]". The receipt says which.
    private static async Task<Ok<ErasureReceipt>> Erase(string customerId, IGrainFactory grains, bool keepPostTexts = false) =>
        TypedResults.Ok(await grains.CustomerStewardship(customerId).EraseAsync(keepPostTexts));

    private static async Task<Ok<CustomerExportDocument>> Export(string customerId, IGrainFactory grains, TimeProvider time, HttpContext http)
    {
        var customer = grains.CustomerStewardship(customerId);
        var export = await customer.ExportAsync();
        var chains = await grains.GetGrain<ICustomerValueChainsGrain>(0).ListAsync(customerId);
        var partnerReads = await grains.Customer(customerId).ListPartnerAccessAsync();
        return TypedResults.Ok(new CustomerExportDocument(customerId, time.GetUtcNow(), export.Profile, export.Intents, export.Consents,
            export.Values, chains, partnerReads, export.LatestSequence, customer.ExportTimelineAsync(http.RequestAborted)));
    }
}
