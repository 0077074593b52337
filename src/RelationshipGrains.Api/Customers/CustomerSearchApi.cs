using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RelationshipGrains.Api.Auth;
using RelationshipGrains.Api.OpenApi;
using RelationshipGrains.Customers;

namespace RelationshipGrains.Api.Customers;

/// <summary>Finding a customer by name, contact, tag or part of the id, across every shard of the directory.</summary>
public static class CustomerSearchApi
{
    public static RouteHandlerBuilder MapCustomerSearchApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("api/v1/customers", Search)
            .Describe("searchCustomers", "Find customers",
                "Searches the customer directory by name, contact address or tag and ranks the cards found.")
            .WithTags("Customers").RequireAuthorization(ApiRoles.ChannelPolicy);

    private static async Task<Ok<IReadOnlyList<CustomerCard>>> Search(string? q, int? limit, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICustomerSearchGrain>(0).SearchAsync(q ?? "", limit ?? 20));
}
