using RelationshipGrains.Customers;

namespace RelationshipGrains.Client;

/// <summary>Typed entry points to the grains a channel app talks to.</summary>
public interface IRelationshipGrains
{
    /// <summary>The customer's grain; a malformed id throws <see cref="Errors.RelationshipValidationException"/>.</summary>
    ICustomerGrain Customer(string customerId);
}
