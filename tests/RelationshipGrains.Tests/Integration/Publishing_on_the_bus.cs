using RelationshipGrains.Customers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Integration;

[Collection(MessagingCollection.Name)]
public sealed class Publishing_on_the_bus(MessagingClusterFixture fixture)
{
    [Fact]
    public async Task Every_change_is_published_once_under_its_own_message_id()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        var world = new PartnerWorld(fixture.Grains);
        var acme = await world.Partner("bikes");

        await customer.RecordInteractionAsync(Requests.Interaction("hello"));
        await customer.RecordInteractionAsync(Requests.Interaction("hello"));
        await customer.ExpressIntentAsync(world.Intent("bike"));
        await customer.WithdrawIntentAsync("bike");
        await customer.GrantConsentAsync(new GrantConsent(acme, [ConsentScope.Profile], null));
        await customer.RevokeConsentAsync(acme);

        // The webhook consumer takes every event; once it has the last one, all five have been published.
        await fixture.Consumed.WaitForAsync<ConsentChanged>(m => m.CustomerId == id && m.Scopes.Count == 0, 1);
        var recorded = fixture.Harness.Published.Select<InteractionRecorded>(m => m.Context.Message.CustomerId == id).ToList();
        var expressed = fixture.Harness.Published.Select<IntentExpressed>(m => m.Context.Message.CustomerId == id).ToList();
        var withdrawn = fixture.Harness.Published.Select<IntentWithdrawn>(m => m.Context.Message.CustomerId == id).ToList();
        var consents = fixture.Harness.Published.Select<ConsentChanged>(m => m.Context.Message.CustomerId == id).ToList();
        Assert.Single(recorded);
        Assert.Single(expressed);
        Assert.Single(withdrawn);
        Assert.Equal(2, consents.Count);
        Guid?[] ids = [.. recorded.Select(m => m.Context.MessageId), .. expressed.Select(m => m.Context.MessageId),
            .. withdrawn.Select(m => m.Context.MessageId), .. consents.Select(m => m.Context.MessageId)];
        Assert.Equal(5, ids.Distinct().Count());
        Assert.All(ids, id => Assert.NotNull(id));
    }
}
