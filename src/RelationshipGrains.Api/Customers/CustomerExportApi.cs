using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Customers;

/// <summary>Everything held about one customer, the whole timeline streamed (operators only: it is all personal data).</summary>
internal static class CustomerExportApi
{
    public static RouteGroupBuilder MapCustomerExportApi(this RouteGroupBuilder customer)
    {
        customer.MapGet("export", Export).RequireAuthorization(ApiRoles.OperatorPolicy);
        return customer;
    }

    private static async Task<Ok<CustomerExportDocument>> Export(string id, IGrainFactory grains, TimeProvider time, HttpContext http)
    {
        var customer = grains.Customer(id);
        var export = await customer.ExportAsync();
        return TypedResults.Ok(new CustomerExportDocument(id, time.GetUtcNow(), export.Profile, export.Intents, export.Consents,
            export.Values, export.LatestSequence, customer.ExportTimelineAsync(http.RequestAborted)));
    }
}
