using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Customers;

[Collection(ClusterCollection.Name)]
public sealed class Intents_consents_and_values(ClusterFixture fixture)
{
    private ICustomerGrain NewCustomer() => fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());

    private ExpressIntent Bike(string id = "bike") => new(id, "A cargo bike for two children", "bikes",
        new Money(3_000m, "EUR"), fixture.Time.GetUtcNow().AddDays(30), ["electric", "rain cover"]);

    [Fact]
    public async Task An_expressed_intent_is_listed_until_withdrawn()
    {
        var customer = NewCustomer();

        var intent = await customer.ExpressIntentAsync(Bike());
        var open = await customer.ListIntentsAsync();
        var withdrawn = await customer.WithdrawIntentAsync("bike");
        var afterwards = await customer.ListIntentsAsync();
        var all = await customer.ListIntentsAsync(includeWithdrawn: true);

        Assert.Equal(IntentStatus.Open, intent.Status);
        Assert.Equal(["electric", "rain cover"], intent.Constraints);
        Assert.Equal("bike", Assert.Single(open).IntentId);
        Assert.Equal(IntentStatus.Withdrawn, withdrawn.Status);
        Assert.Empty(afterwards);
        Assert.Equal(IntentStatus.Withdrawn, Assert.Single(all).Status);
    }

    [Fact]
    public async Task Expressing_the_same_intent_again_returns_it_and_adds_no_entry()
    {
        var customer = NewCustomer();
        var first = await customer.ExpressIntentAsync(Bike());

        var again = await customer.ExpressIntentAsync(Bike());

        Assert.Equivalent(first, again, strict: true);
        Assert.Equal(1, (await customer.GetTimelineAsync(new TimelineQuery())).LatestSequence);
    }

    [Fact]
    public async Task Invalid_intents_name_the_field_and_change_nothing()
    {
        var customer = NewCustomer();

        var budget = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            customer.ExpressIntentAsync(Bike() with { Budget = new Money(-1, "EUR") }));
        var currency = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            customer.ExpressIntentAsync(Bike() with { Budget = new Money(10, "euro") }));
        var deadline = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            customer.ExpressIntentAsync(Bike() with { Deadline = fixture.Time.GetUtcNow().AddDays(-1) }));
        var category = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            customer.ExpressIntentAsync(Bike() with { Category = "Bikes!" }));
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => customer.WithdrawIntentAsync("never-expressed"));

        Assert.Equal(["budget.amount", "budget.currency", "deadline", "category"], [budget.Field, currency.Field, deadline.Field, category.Field]);
        Assert.Empty(await customer.ListIntentsAsync(includeWithdrawn: true));
        Assert.Null(await customer.GetProfileAsync());
    }

    [Fact]
    public async Task A_consent_grant_covers_its_scopes_until_revoked()
    {
        var customer = NewCustomer();
        var velo = await new PartnerWorld(fixture.Grains).Partner("velo");

        var grant = await customer.GrantConsentAsync(new GrantConsent(velo, [ConsentScope.Intents, ConsentScope.Profile, ConsentScope.Intents]));
        var coversIntents = await customer.HasConsentAsync(velo, ConsentScope.Intents);
        var coversConversation = await customer.HasConsentAsync(velo, ConsentScope.Conversation);
        var otherPartner = await customer.HasConsentAsync("someone-else", ConsentScope.Intents);
        var revoked = await customer.RevokeConsentAsync(velo);
        var revokedAgain = await customer.RevokeConsentAsync(velo);

        Assert.Equal([ConsentScope.Profile, ConsentScope.Intents], grant.Scopes);
        Assert.True(coversIntents);
        Assert.False(coversConversation);
        Assert.False(otherPartner);
        Assert.True(revoked);
        Assert.False(revokedAgain);
        Assert.False(await customer.HasConsentAsync(velo, ConsentScope.Intents));
        Assert.Empty(await customer.ListConsentsAsync());
    }

    [Fact]
    public async Task The_same_consent_granted_again_changes_nothing_and_a_different_one_replaces_it()
    {
        var customer = NewCustomer();
        var velo = await new PartnerWorld(fixture.Grains).Partner("velo");
        var first = await customer.GrantConsentAsync(new GrantConsent(velo, [ConsentScope.Intents, ConsentScope.Profile]));
        fixture.Time.Advance(TimeSpan.FromMinutes(1));

        var again = await customer.GrantConsentAsync(new GrantConsent(velo, [ConsentScope.Profile, ConsentScope.Intents]));
        var narrower = await customer.GrantConsentAsync(new GrantConsent(velo, [ConsentScope.Profile]));

        // A retried PUT added an entry and a ConsentChanged each time, and moved the date partners' access records quote.
        Assert.Equal(first.GrantedAt, again.GrantedAt);
        Assert.Equal(first.Scopes, again.Scopes);
        Assert.Equal([ConsentScope.Profile], narrower.Scopes);
        Assert.True(narrower.GrantedAt > first.GrantedAt);
        var entries = (await customer.GetTimelineAsync(new TimelineQuery(After: 0))).Entries;
        Assert.Equal(2, entries.Count(e => e.Kind == TimelineEntryKind.ConsentGranted));
    }

    [Fact]
    public async Task A_consent_grant_lapses_at_its_expiry()
    {
        var customer = NewCustomer();
        var velo = await new PartnerWorld(fixture.Grains).Partner("velo");
        await customer.GrantConsentAsync(new GrantConsent(velo, [ConsentScope.Profile], fixture.Time.GetUtcNow().AddHours(1)));

        var before = await customer.HasConsentAsync(velo, ConsentScope.Profile);
        fixture.Time.Advance(TimeSpan.FromHours(2));

        Assert.True(before);
        Assert.False(await customer.HasConsentAsync(velo, ConsentScope.Profile));
        Assert.Empty(await customer.ListConsentsAsync());
        // Revoking what lapsed is revoking nothing: no revocation on the timeline, and no event for the partner.
        Assert.False(await customer.RevokeConsentAsync(velo));
        var entries = (await customer.GetTimelineAsync(new TimelineQuery(After: 0))).Entries;
        Assert.DoesNotContain(entries, e => e.Kind == TimelineEntryKind.ConsentRevoked);
    }

    [Fact]
    public async Task A_grant_to_a_partner_no_one_registered_is_refused_naming_it_and_changes_nothing()
    {
        var customer = NewCustomer();

        var error = await Assert.ThrowsAsync<RelationshipNotFoundException>(() =>
            customer.GrantConsentAsync(new GrantConsent("nobody-registered", [ConsentScope.Profile])));

        Assert.Contains("nobody-registered", error.Message, StringComparison.Ordinal);
        Assert.Empty(await customer.ListConsentsAsync());
        Assert.Equal(0, (await customer.GetTimelineAsync(new TimelineQuery())).LatestSequence);
    }

    [Fact]
    public async Task A_grant_without_scopes_is_refused()
    {
        var error = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            NewCustomer().GrantConsentAsync(new GrantConsent("velo-works", [])));

        Assert.Equal("scopes", error.Field);
    }

    [Fact]
    public async Task The_values_profile_keeps_weights_between_zero_and_one()
    {
        var customer = NewCustomer();

        var saved = await customer.SetValuesAsync(new ValuesProfile(new Dictionary<string, double> { ["sustainability"] = 0.9, ["price"] = 0.2 }));
        var error = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            customer.SetValuesAsync(new ValuesProfile(new Dictionary<string, double> { ["price"] = 1.5 })));

        Assert.Equal("weights.price", error.Field);
        Assert.Equal(0.9, saved.Weights!["sustainability"]);
        Assert.Equal(saved.Weights, (await customer.GetValuesAsync()).Weights);
    }

    [Fact]
    public async Task The_profile_is_absent_until_set_and_then_replaced_whole()
    {
        var customer = NewCustomer();
        var absent = await customer.GetProfileAsync();

        await customer.UpdateProfileAsync(new UpdateProfile("Ada", [new ContactPoint(Channel.Email, "ada@example.org")], "en-GB", ["vip"]));
        var replaced = await customer.UpdateProfileAsync(new UpdateProfile("Ada Lovelace"));
        var invalid = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            customer.UpdateProfileAsync(new UpdateProfile("Ada", Language: "not a language")));

        Assert.Null(absent);
        Assert.Equal("Ada Lovelace", replaced.DisplayName);
        Assert.Empty(replaced.ContactPoints);
        Assert.Equal("language", invalid.Field);
        Assert.Equal("Ada Lovelace", (await customer.GetProfileAsync())!.DisplayName);
    }

    [Fact]
    public async Task The_profile_dates_its_creation_and_its_latest_change_of_any_kind_across_reactivations()
    {
        var customer = NewCustomer();
        var start = fixture.Time.GetUtcNow();
        await customer.SetValuesAsync(new ValuesProfile(new Dictionary<string, double> { ["price"] = 0.5 }));
        var valuesOnly = await customer.GetProfileAsync();
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        await customer.UpdateProfileAsync(new UpdateProfile("Ada"));
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        await customer.RecordInteractionAsync(Requests.Interaction("dated-1"));
        var afterInteraction = await customer.GetProfileAsync();
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        await customer.SetValuesAsync(new ValuesProfile(new Dictionary<string, double> { ["price"] = 0.7 }));
        var afterValues = await customer.GetProfileAsync();
        await fixture.Cluster.DeactivateAsync(customer);
        var reactivated = await customer.GetProfileAsync();
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        await customer.RecordInteractionAsync(Requests.Interaction("dated-2"));
        var last = await customer.GetProfileAsync();

        Assert.Equal((start, start), (valuesOnly!.CreatedAt, valuesOnly.UpdatedAt));
        Assert.Equal((start, start.AddMinutes(10)), (afterInteraction!.CreatedAt, afterInteraction.UpdatedAt));
        Assert.Equal(start.AddMinutes(15), afterValues!.UpdatedAt);
        Assert.Equal((start, start.AddMinutes(15)), (reactivated!.CreatedAt, reactivated.UpdatedAt));
        Assert.Equal(start.AddMinutes(20), last!.UpdatedAt);
        Assert.Equal(3, (await customer.GetTimelineAsync(new TimelineQuery())).LatestSequence);
    }
}
