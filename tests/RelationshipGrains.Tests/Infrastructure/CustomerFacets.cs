using RelationshipGrains.Customers;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>The same customer grain through the interfaces the channel surface does not offer, for tests that play operators, partners or other grains.</summary>
public static class CustomerFacets
{
    public static ICustomerStewardshipGrain Stewardship(this ICustomerGrain customer) => customer.AsReference<ICustomerStewardshipGrain>();

    public static ICustomerForPartnersGrain ForPartners(this ICustomerGrain customer) => customer.AsReference<ICustomerForPartnersGrain>();

    public static ICustomerNoticesGrain Notices(this ICustomerGrain customer) => customer.AsReference<ICustomerNoticesGrain>();
}
