using RelationshipGrains.Customers;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Client;

internal sealed class RelationshipGrainsAccessor(IClusterClient client) : IRelationshipGrains
{
    public ICustomerGrain Customer(string customerId) => client.GetGrain<ICustomerGrain>(Check.Id(customerId, "customerId"));
}
