using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Ideas;
using RelationshipGrains.Partners;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.Validation;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Tests.Client;

/// <summary>The checked references look their grain types up once; every later one must address the same grain.</summary>
[Collection(ClusterCollection.Name)]
public sealed class Addressing_grains_by_checked_id(ClusterFixture fixture)
{
    [Fact]
    public void A_checked_reference_addresses_the_grain_Orleans_would_for_that_id_every_time()
    {
        var grains = fixture.Cluster.Client;
        foreach (var id in new[] { "first-of-its-kind", "second-of-its-kind" })
        {
            AssertSame(grains.GetGrain<ICustomerGrain>(id), grains.Customer(id));
            AssertSame(grains.GetGrain<ICommunityGrain>(id), grains.Community(id));
            AssertSame(grains.GetGrain<IIdeaGrain>(id), grains.Idea(id));
            AssertSame(grains.GetGrain<IPartnerGrain>(id), grains.Partner(id));
            AssertSame(grains.GetGrain<IValueChainGrain>(id), grains.ValueChain(id));
        }
    }

    [Fact]
    public async Task A_checked_reference_made_after_the_first_reaches_the_grain()
    {
        var id = Keys.Customer();
        _ = fixture.Cluster.Client.Customer(Keys.Customer());

        await fixture.Cluster.Client.Customer(id).RecordInteractionAsync(Requests.Interaction("by-checked-id", "hello"));

        var page = await fixture.Cluster.Client.GetGrain<ICustomerGrain>(id).GetTimelineAsync(new TimelineQuery());
        Assert.Equal("hello", Assert.Single(page.Entries).Text);
    }

    private static void AssertSame(IAddressable expected, IAddressable actual)
    {
        Assert.Equal(expected.GetGrainId(), actual.GetGrainId());
        Assert.Equal(((GrainReference)expected).InterfaceType, ((GrainReference)actual).InterfaceType);
    }
}
