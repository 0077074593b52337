using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Partners;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Partners;

[Collection(ClusterCollection.Name)]
public sealed class Casting_intents(ClusterFixture fixture)
{
    private readonly PartnerWorld _world = new(fixture.Grains);

    private static readonly Dictionary<string, double> Green = new() { ["sustainability"] = 0.9, ["price"] = 0.2 };

    private async Task<IntentCast> CastTo(string partnerId) =>
        Assert.Single(await fixture.Grains.GetGrain<IPartnerGrain>(partnerId).AsReference<IPartnerAccountGrain>().ListInboxAsync());

    [Fact]
    public async Task An_intent_reaches_partners_of_its_category_ranked_by_how_alike_they_think()
    {
        var alike = await _world.Partner("alike", new() { ["sustainability"] = 1, ["price"] = 0.3 });
        var opposite = await _world.Partner("opposite", new() { ["sustainability"] = 0.1, ["price"] = 1 });
        var silent = await _world.Partner("silent");
        var elsewhere = await _world.Partner("elsewhere", Green, category: "other-things");
        var customer = await _world.Customer(Green);

        var intent = await customer.ExpressIntentAsync(_world.Intent());

        Assert.Equal([alike, opposite, silent], intent.Matches!.Select(m => m.PartnerId));
        Assert.True(intent.Matches![0].Score > intent.Matches[1].Score);
        Assert.Equal(0, intent.Matches[2].Score);
        Assert.Empty(await fixture.Grains.GetGrain<IPartnerGrain>(elsewhere).AsReference<IPartnerAccountGrain>().ListInboxAsync());
        Assert.Equal("want", (await CastTo(alike)).IntentId);
        await fixture.Events.WaitForAsync<IntentExpressed>(e => e.CustomerId == customer.GetPrimaryKeyString() && e.MatchedPartnerIds.Count == 3);
    }

    [Fact]
    public async Task Offers_are_listed_best_values_match_first_whatever_order_they_came_in()
    {
        var alike = await _world.Partner("alike", new() { ["sustainability"] = 1, ["price"] = 0.3 });
        var opposite = await _world.Partner("opposite", new() { ["sustainability"] = 0.1, ["price"] = 1 });
        var silent = await _world.Partner("silent");
        var customer = await _world.Customer(Green);
        await customer.ExpressIntentAsync(_world.Intent());

        await customer.ForPartners().ReceiveIntentOfferAsync(silent, "want", PartnerWorld.Offer(90));
        await customer.ForPartners().ReceiveIntentOfferAsync(opposite, "want", PartnerWorld.Offer(100));
        await customer.ForPartners().ReceiveIntentOfferAsync(alike, "want", PartnerWorld.Offer(120));
        await customer.ForPartners().ReceiveIntentOfferAsync(silent, "want", PartnerWorld.Offer(80));

        var listed = Assert.Single(await customer.ListIntentsAsync());
        Assert.Equal([alike, opposite, silent], listed.Offers!.Select(o => o.PartnerId));
        Assert.Equal(80, listed.Offers![2].Price.Amount);
    }

    [Fact]
    public async Task Without_consent_a_partner_sees_the_intent_under_a_pseudonym_only()
    {
        var first = await _world.Partner("first");
        var second = await _world.Partner("second");
        var customer = await _world.Customer();
        await customer.ExpressIntentAsync(_world.Intent());

        var seenByFirst = await customer.ForPartners().GetIntentForPartnerAsync(first, await CastTo(first));
        var seenBySecond = await customer.ForPartners().GetIntentForPartnerAsync(second, await CastTo(second));

        Assert.Null(seenByFirst!.CustomerId);
        Assert.Empty(seenByFirst.Constraints);
        Assert.Equal((6_000m, "EUR"), (seenByFirst.Budget!.Amount, seenByFirst.Budget.Currency));
        Assert.StartsWith("cust-", seenByFirst.CustomerRef);
        Assert.NotEqual(seenByFirst.CustomerRef, seenBySecond!.CustomerRef);
        Assert.DoesNotContain(customer.GetPrimaryKeyString(), seenByFirst.CustomerRef);
    }

    [Fact]
    public async Task Consent_reveals_the_customer_and_its_revocation_hides_them_on_the_next_call()
    {
        var partner = await _world.Partner("trusted");
        var customer = await _world.Customer();
        await customer.UpdateProfileAsync(new UpdateProfile("Ada"));
        await customer.ExpressIntentAsync(_world.Intent());
        var cast = await CastTo(partner);

        await customer.GrantConsentAsync(new GrantConsent(partner, [ConsentScope.Intents, ConsentScope.Profile, ConsentScope.Conversation]));
        var granted = await customer.ForPartners().GetIntentForPartnerAsync(partner, cast);
        var profile = await customer.ForPartners().GetProfileForPartnerAsync(partner);
        var timeline = await customer.ForPartners().GetTimelineForPartnerAsync(partner, new TimelineQuery());
        await customer.RevokeConsentAsync(partner);

        Assert.Equal(customer.GetPrimaryKeyString(), granted!.CustomerId);
        Assert.Equal(["electric"], granted.Constraints);
        Assert.Equal("Ada", profile!.DisplayName);
        Assert.NotNull(timeline);
        Assert.Null((await customer.ForPartners().GetIntentForPartnerAsync(partner, cast))!.CustomerId);
        Assert.Null(await customer.ForPartners().GetProfileForPartnerAsync(partner));
        Assert.Null(await customer.ForPartners().GetTimelineForPartnerAsync(partner, new TimelineQuery()));
    }

    [Fact]
    public async Task Every_partner_read_is_in_the_customers_access_log_with_the_consent_it_relied_on()
    {
        var partner = await _world.Partner("reader");
        var customer = await _world.Customer();
        await customer.UpdateProfileAsync(new UpdateProfile("Ada"));
        await customer.ExpressIntentAsync(_world.Intent());
        var cast = await CastTo(partner);

        await customer.ForPartners().GetIntentForPartnerAsync(partner, cast);
        var refused = await customer.ForPartners().GetProfileForPartnerAsync(partner);
        var grant = await customer.GrantConsentAsync(new GrantConsent(partner, [ConsentScope.Profile, ConsentScope.Intents]));
        await customer.ForPartners().GetProfileForPartnerAsync(partner);
        await customer.ForPartners().GetIntentForPartnerAsync(partner, cast);
        var log = await customer.ListPartnerAccessAsync();

        Assert.Null(refused);
        Assert.Equal(["intent want", "profile", "intent want (pseudonymous)"], log.Select(a => a.What));
        Assert.Equal([ConsentScope.Intents, ConsentScope.Profile, (ConsentScope?)null], log.Select(a => a.Scope));
        Assert.Equal(grant.GrantedAt, log[0].ConsentGrantedAt);
        Assert.All(log, a => Assert.Equal(partner, a.PartnerId));
    }

    [Fact]
    public async Task A_consent_to_one_scope_shows_nothing_of_the_others()
    {
        var partner = await _world.Partner("profile-only");
        var customer = await _world.Customer();
        await customer.UpdateProfileAsync(new UpdateProfile("Ada"));
        await customer.GrantConsentAsync(new GrantConsent(partner, [ConsentScope.Profile]));

        Assert.NotNull(await customer.ForPartners().GetProfileForPartnerAsync(partner));
        Assert.Null(await customer.ForPartners().GetTimelineForPartnerAsync(partner, new TimelineQuery()));
    }

    [Fact]
    public async Task Only_a_partner_the_intent_was_cast_to_may_see_it_or_offer_on_it()
    {
        var matched = await _world.Partner("matched");
        var outsider = await _world.Partner("outsider", category: "other-things");
        var customer = await _world.Customer();
        await customer.ExpressIntentAsync(_world.Intent());
        var cast = await CastTo(matched);

        var seen = await customer.ForPartners().GetIntentForPartnerAsync(outsider, cast);
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => customer.ForPartners().ReceiveIntentOfferAsync(outsider, "want", PartnerWorld.Offer()));

        Assert.Null(seen);
    }

    [Fact]
    public async Task A_customer_holding_the_most_open_intents_is_refused_another_until_one_is_withdrawn()
    {
        var customer = await _world.Customer();
        for (var i = 0; i < Validation.Limits.OpenIntents; i++)
        {
            await customer.ExpressIntentAsync(_world.Intent($"want-{i}"));
        }

        var refused = await Assert.ThrowsAsync<RelationshipConflictException>(() => customer.ExpressIntentAsync(_world.Intent("one-more")));
        var held = (await customer.ListIntentsAsync()).Count;
        await customer.WithdrawIntentAsync("want-0");
        var accepted = await customer.ExpressIntentAsync(_world.Intent("one-more"));

        Assert.Equal($"The customer already holds {Validation.Limits.OpenIntents} open intents, the most at once; withdraw one first.", refused.Message);
        Assert.Equal(Validation.Limits.OpenIntents, held);
        Assert.Equal(IntentStatus.Open, accepted.Status);
    }

    [Fact]
    public async Task A_customer_granting_consent_to_the_most_partners_is_refused_another_until_one_is_revoked()
    {
        var customer = await _world.Customer();
        List<string> partners = [];
        for (var i = 0; i <= Validation.Limits.ConsentGrants; i++)
        {
            partners.Add(await _world.Partner($"granted-{i}"));
        }

        foreach (var partner in partners[..^1])
        {
            await customer.GrantConsentAsync(new GrantConsent(partner, [ConsentScope.Profile], null));
        }

        var refused = await Assert.ThrowsAsync<RelationshipConflictException>(() => customer.GrantConsentAsync(new GrantConsent(partners[^1], [ConsentScope.Profile], null)));
        var changed = await customer.GrantConsentAsync(new GrantConsent(partners[0], [ConsentScope.Profile, ConsentScope.Conversation], null));
        await customer.RevokeConsentAsync(partners[1]);
        await customer.GrantConsentAsync(new GrantConsent(partners[^1], [ConsentScope.Profile], null));

        Assert.Equal($"The customer already grants consent to {Validation.Limits.ConsentGrants} partners, the most at once; revoke one first.", refused.Message);
        Assert.Equal(2, changed.Scopes.Count);
        Assert.True(await customer.HasConsentAsync(partners[^1], ConsentScope.Profile));
    }

    [Fact]
    public async Task Expired_consents_take_no_place_under_the_limit_and_go_with_the_next_grant()
    {
        var customer = await _world.Customer();
        List<string> partners = [];
        for (var i = 0; i <= Validation.Limits.ConsentGrants; i++)
        {
            partners.Add(await _world.Partner($"expiring-{i}"));
        }

        var expiry = fixture.Time.GetUtcNow().AddMinutes(5);
        await customer.GrantConsentAsync(new GrantConsent(partners[0], [ConsentScope.Profile], expiry));
        foreach (var partner in partners[1..^1])
        {
            await customer.GrantConsentAsync(new GrantConsent(partner, [ConsentScope.Profile], null));
        }

        await Assert.ThrowsAsync<RelationshipConflictException>(() => customer.GrantConsentAsync(new GrantConsent(partners[^1], [ConsentScope.Profile], null)));
        fixture.Time.Advance(TimeSpan.FromMinutes(6));
        await customer.GrantConsentAsync(new GrantConsent(partners[^1], [ConsentScope.Profile], null));

        Assert.Equal(partners[1..].Order(StringComparer.Ordinal), (await customer.ListConsentsAsync()).Select(g => g.PartnerId));
        Assert.False(await customer.HasConsentAsync(partners[0], ConsentScope.Profile));
        // Granted again, the expired partner is one more than the limit allows.
        await Assert.ThrowsAsync<RelationshipConflictException>(() => customer.GrantConsentAsync(new GrantConsent(partners[0], [ConsentScope.Profile], null)));
    }

    [Fact]
    public async Task Partners_whose_consent_was_revoked_or_went_with_a_later_grant_still_hear_of_an_erasure()
    {
        var customer = await _world.Customer();
        var partner = await _world.Partner("revoked");
        var lapsed = await _world.Partner("lapsed");
        await customer.GrantConsentAsync(new GrantConsent(lapsed, [ConsentScope.Profile], fixture.Time.GetUtcNow().AddMinutes(1)));
        await customer.GrantConsentAsync(new GrantConsent(partner, [ConsentScope.Profile], null));
        fixture.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.True(await customer.RevokeConsentAsync(partner));

        Assert.False(await customer.RevokeConsentAsync(partner));
        Assert.Empty(await customer.ListConsentsAsync());
        Assert.False(await customer.HasConsentAsync(partner, ConsentScope.Profile));
        Assert.Single((await customer.GetTimelineAsync(new TimelineQuery())).Entries, e => e.Kind == TimelineEntryKind.ConsentRevoked);
        // Each read under a consent while it stood, and may keep what it read: the erasure tells both, the lapsed one
        // taken out of the grants by a later grant. A window and a page of interactions later their consent entries are
        // archived and trimmed from the window, so only the profile's record of them names them.
        await customer.GrantConsentAsync(new GrantConsent(await _world.Partner("later"), [ConsentScope.Profile], null));
        for (var i = 0; i < ClusterFixture.WindowSize + ClusterFixture.PageSize; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"after-the-consents-{i}"));
        }

        var receipt = await customer.Stewardship().EraseAsync();
        Assert.Contains(partner, receipt.PartnersNotified);
        Assert.Contains(lapsed, receipt.PartnersNotified);
    }

    [Fact]
    public async Task An_offer_replaces_the_partners_earlier_one_and_lands_on_the_timeline()
    {
        var partner = await _world.Partner("offering");
        var customer = await _world.Customer();
        await customer.ExpressIntentAsync(_world.Intent());

        await customer.ForPartners().ReceiveIntentOfferAsync(partner, "want", PartnerWorld.Offer(5_500, 10));
        var better = await customer.ForPartners().ReceiveIntentOfferAsync(partner, "want", PartnerWorld.Offer(5_200, 8));
        var intent = Assert.Single(await customer.ListIntentsAsync());
        var latest = (await customer.GetTimelineAsync(new TimelineQuery(Limit: 1))).Entries[0];

        Assert.Equal(better, Assert.Single(intent.Offers!));
        Assert.Equal(better, await customer.GetIntentOfferAsync("want", partner));
        Assert.Equal((TimelineEntryKind.IntentOfferReceived, partner), (latest.Kind, latest.Author.Id));
    }

    [Fact]
    public async Task A_withdrawn_intent_takes_no_offers_and_a_bad_offer_is_refused()
    {
        var partner = await _world.Partner("late");
        var customer = await _world.Customer();
        await customer.ExpressIntentAsync(_world.Intent());

        var bad = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            customer.ForPartners().ReceiveIntentOfferAsync(partner, "want", new OfferTerms(new Money(0, "EUR"), 3)));
        await customer.WithdrawIntentAsync("want");

        await Assert.ThrowsAsync<RelationshipConflictException>(() => customer.ForPartners().ReceiveIntentOfferAsync(partner, "want", PartnerWorld.Offer()));
        Assert.Equal("price.amount", bad.Field);
    }

    [Fact]
    public async Task Expressing_the_same_intent_again_does_not_cast_it_twice()
    {
        var partner = await _world.Partner("once");
        var customer = await _world.Customer();

        await customer.ExpressIntentAsync(_world.Intent());
        await customer.ExpressIntentAsync(_world.Intent());

        await CastTo(partner);
    }
}
