using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth.SignIn;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Customers;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Customers;

/// <summary>What the customer wants: express, list, withdraw.</summary>
internal static class CustomerIntentsApi
{
    public static RouteGroupBuilder MapCustomerIntentsApi(this RouteGroupBuilder customer)
    {
        customer.MapGet("intents", List)
            .Describe("listIntents", "List a customer's intents",
                "Open intents with the offers partners made on them, ranked by how well each partner shares the "
                + "customer's values (its score among the intent's matches, from when the intent was cast); withdrawn "
                + "ones too with includeWithdrawn=true.")
            .OpenToTheCustomer();
        customer.MapPost("intents", Express)
            .Describe("expressIntent", "State what a customer wants",
                "Casts the intent to the registered partners of its category whose values best match the customer's "
                + "(at most 20, listed in its matches with their scores). intentId makes the call idempotent.")
            .OpenToTheCustomer()
            .Conflicts("The intent id was used before for an intent with another text or category, or the customer already holds 100 open intents.");
        customer.MapPost("intents/{intentId}/withdraw", Withdraw)
            .Describe("withdrawIntent", "Withdraw an intent",
                "Partners can no longer offer on it; withdrawing twice answers the same intent.")
            .OpenToTheCustomer();
        return customer;
    }

    private static async Task<Ok<IReadOnlyList<Intent>>> List(string customerId, bool? includeWithdrawn, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(customerId).ListIntentsAsync(includeWithdrawn ?? false));

    private static async Task<Created<Intent>> Express(string customerId, ExpressIntent body, IGrainFactory grains)
    {
        var intent = await grains.Customer(customerId).ExpressIntentAsync(body);
        return TypedResults.Created($"/api/v1/customers/{customerId}/intents", intent);
    }

    private static async Task<Ok<Intent>> Withdraw(string customerId, string intentId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Customer(customerId).WithdrawIntentAsync(intentId));
}
