using RelationshipGrains.Customers;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Api.Customers;

/// <summary>Resolves the customer grain named in a route, refusing a malformed id before any grain is touched.</summary>
internal static class CustomerRoutes
{
    public static ICustomerGrain Customer(this IGrainFactory grains, string id) =>
        grains.GetGrain<ICustomerGrain>(Check.Id(id, "customerId"));
}
