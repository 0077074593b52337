using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Tests.ValueChains;

/// <summary>The composite operations on a customer's chains, as grain methods a channel app can call in one go.</summary>
[Collection(ClusterCollection.Name)]
public sealed class Taking_a_customers_chains_whole(ClusterFixture fixture)
{
    private readonly PartnerWorld _world = new(fixture.Grains);

    private ICustomerValueChainsGrain Chains => fixture.Grains.GetGrain<ICustomerValueChainsGrain>(0);

    [Fact]
    public async Task An_accepted_intent_offer_becomes_a_chain_once_however_often_it_is_sent()
    {
        var partner = await _world.Partner("seeding");
        var customer = await _world.Customer();
        var customerId = customer.GetPrimaryKeyString();
        await customer.ExpressIntentAsync(_world.Intent());
        await customer.ForPartners().ReceiveIntentOfferAsync(partner, "want", PartnerWorld.Offer(5_200, 8));
        var request = new AcceptIntentOffer(customerId, "want", partner, Keys.Customer("vc"));

        var chain = await Chains.AcceptIntentOfferAsync(request);
        var again = await Chains.AcceptIntentOfferAsync(request);
        var listed = await Chains.ListAsync(customerId);

        Assert.Equal("Two cargo bikes for a school run", chain.Title);
        var slot = Assert.Single(chain.Slots);
        Assert.Equal((_world.Category, partner), (slot.Role, slot.AcceptedPartnerId));
        Assert.Equal(chain.ValueChainId, again.ValueChainId);
        Assert.Equal([chain.ValueChainId], listed.Select(c => c.ValueChainId));
    }

    [Fact]
    public async Task An_offers_certifications_reach_the_customer_and_the_chain_its_acceptance_seeds()
    {
        // Checked, then dropped: the customer never saw them, and sent again with others they changed nothing.
        var partner = await _world.Partner("certified");
        var customer = await _world.Customer();
        var customerId = customer.GetPrimaryKeyString();
        await customer.ExpressIntentAsync(_world.Intent());
        await customer.ForPartners().ReceiveIntentOfferAsync(partner, "want", PartnerWorld.Offer(5_200, 8, "iso-9001"));
        var changed = await customer.ForPartners().ReceiveIntentOfferAsync(partner, "want", PartnerWorld.Offer(5_200, 8, "iso-9001", "en-15194"));
        var again = await customer.ForPartners().ReceiveIntentOfferAsync(partner, "want", PartnerWorld.Offer(5_200, 8, "iso-9001", "en-15194"));

        var chain = await Chains.AcceptIntentOfferAsync(new AcceptIntentOffer(customerId, "want", partner, Keys.Customer("vc")));

        Assert.Equal(["iso-9001", "en-15194"], changed.Certifications);
        Assert.Equal(changed.OfferedAt, again.OfferedAt);
        Assert.Equal(["iso-9001", "en-15194"], Assert.Single(Assert.Single(await customer.ListIntentsAsync()).Offers!).Certifications);
        Assert.Equal(2, (await customer.GetTimelineAsync(new TimelineQuery())).Entries.Count(e => e.Kind == TimelineEntryKind.IntentOfferReceived));
        Assert.Equal(["iso-9001", "en-15194"], Assert.Single(Assert.Single(chain.Slots).Offers).Certifications);
    }

    [Fact]
    public async Task An_offer_on_an_intent_with_any_id_an_intent_may_have_can_be_accepted()
    {
        var partner = await _world.Partner("seeding");
        var customer = await _world.Customer();
        var customerId = customer.GetPrimaryKeyString();
        // Intent ids are request ids (upper case and ':' allowed), not grain ids.
        await customer.ExpressIntentAsync(_world.Intent("Bikes:2026-Q3"));
        await customer.ForPartners().ReceiveIntentOfferAsync(partner, "Bikes:2026-Q3", PartnerWorld.Offer(5_200, 8));

        var chain = await Chains.AcceptIntentOfferAsync(new AcceptIntentOffer(customerId, "Bikes:2026-Q3", partner, Keys.Customer("vc")));

        Assert.Equal(partner, Assert.Single(chain.Slots).AcceptedPartnerId);
    }

    [Fact]
    public async Task An_offer_on_a_withdrawn_intent_cannot_be_accepted_but_an_acceptance_made_before_comes_back()
    {
        var partner = await _world.Partner("seeding");
        var customer = await _world.Customer();
        var customerId = customer.GetPrimaryKeyString();
        await customer.ExpressIntentAsync(_world.Intent("want"));
        await customer.ExpressIntentAsync(_world.Intent("also"));
        await customer.ForPartners().ReceiveIntentOfferAsync(partner, "want", PartnerWorld.Offer(5_200, 8));
        await customer.ForPartners().ReceiveIntentOfferAsync(partner, "also", PartnerWorld.Offer(4_900, 6));
        var accepted = new AcceptIntentOffer(customerId, "also", partner, Keys.Customer("vc-accepted"));
        var chain = await Chains.AcceptIntentOfferAsync(accepted);
        await customer.WithdrawIntentAsync("want");
        await customer.WithdrawIntentAsync("also");

        var refused = await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            Chains.AcceptIntentOfferAsync(new AcceptIntentOffer(customerId, "want", partner, Keys.Customer("vc-late"))));
        var again = await Chains.AcceptIntentOfferAsync(accepted);

        Assert.Contains("withdrawn", refused.Message, StringComparison.Ordinal);
        Assert.Equal(chain.ValueChainId, again.ValueChainId);
        Assert.Equal([chain.ValueChainId], (await Chains.ListAsync(customerId)).Select(c => c.ValueChainId));
    }

    [Fact]
    public async Task Accepting_an_offer_that_was_never_made_is_not_found_and_makes_no_chain()
    {
        var partner = await _world.Partner("silent");
        var customer = await _world.Customer();
        var customerId = customer.GetPrimaryKeyString();
        await customer.ExpressIntentAsync(_world.Intent());

        await Assert.ThrowsAsync<RelationshipNotFoundException>(() =>
            Chains.AcceptIntentOfferAsync(new AcceptIntentOffer(customerId, "want", partner, Keys.Customer("vc"))));
        var malformed = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            Chains.AcceptIntentOfferAsync(new AcceptIntentOffer(customerId, "want", partner, "Not Valid")));

        Assert.Equal("valueChainId", malformed.Field);
        Assert.Empty(await Chains.ListAsync(customerId));
    }
}
