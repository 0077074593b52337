using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Partners;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Partners;

/// <summary>A partner's inbox and offers in one grain call each, as the partner API serves them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class Working_at_the_partner_desk(ClusterFixture fixture)
{
    private readonly PartnerWorld _world = new(fixture.Grains);

    private IPartnerDeskGrain Desk => fixture.Grains.GetGrain<IPartnerDeskGrain>(0);

    [Fact]
    public async Task The_inbox_shows_cast_intents_under_a_pseudonym_and_an_offer_lands_on_the_customers_intent()
    {
        var partner = await _world.Partner("desk");
        var customer = await _world.Customer();
        await customer.ExpressIntentAsync(_world.Intent());

        var inbox = await Desk.InboxAsync(partner);
        var cast = Assert.Single(inbox);
        var offered = await Desk.OfferOnIntentAsync(partner, cast.CastId, PartnerWorld.Offer(5_100, 7));

        Assert.Null(cast.CustomerId);
        Assert.DoesNotContain(customer.GetPrimaryKeyString(), cast.CustomerRef);
        Assert.Equal((cast.CastId, 5_100m), (offered.CastId, offered.YourOffer!.Price.Amount));
        Assert.Equal(5_100m, (await customer.GetIntentOfferAsync("want", partner)).Price.Amount);
        Assert.Empty(await Desk.ValueChainsAsync(partner));
    }

    [Fact]
    public async Task The_same_offer_sent_again_tells_the_customer_once_and_a_changed_offer_replaces_it()
    {
        var partner = await _world.Partner("retry-desk");
        var customer = await _world.Customer();
        await customer.ExpressIntentAsync(_world.Intent());
        var cast = Assert.Single(await Desk.InboxAsync(partner));

        var first = await Desk.OfferOnIntentAsync(partner, cast.CastId, PartnerWorld.Offer(5_100, 7));
        var retried = await Desk.OfferOnIntentAsync(partner, cast.CastId, PartnerWorld.Offer(5_100, 7));
        var changed = await Desk.OfferOnIntentAsync(partner, cast.CastId, PartnerWorld.Offer(4_900, 7));

        Assert.Equal(first.YourOffer, retried.YourOffer);
        Assert.Equal(4_900m, changed.YourOffer!.Price.Amount);
        var offers = (await customer.GetTimelineAsync(new TimelineQuery(After: 0))).Entries
            .Where(e => e.Kind == TimelineEntryKind.IntentOfferReceived).Select(e => e.Text![..15]).ToList();
        Assert.Equal(["Offer of 5100 E", "Offer of 4900 E"], offers);
    }

    [Fact]
    public async Task Offering_on_a_cast_the_partner_never_got_is_not_found()
    {
        var partner = await _world.Partner("empty-desk");

        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => Desk.OfferOnIntentAsync(partner, "no-such-cast", PartnerWorld.Offer()));
        Assert.Empty(await Desk.InboxAsync(partner));
    }
}
