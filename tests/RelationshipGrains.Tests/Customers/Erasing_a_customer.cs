using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Customers;

[Collection(ClusterCollection.Name)]
public sealed class Erasing_a_customer(ClusterFixture fixture)
{
    [Fact]
    public async Task Erasure_removes_every_personal_record_including_the_archive_and_tells_the_partners_once()
    {
        var world = new PartnerWorld(fixture.Grains);
        var partner = await world.Partner("bikes");
        var customer = await world.Customer();
        var id = customer.GetPrimaryKeyString();
        await customer.UpdateProfileAsync(new UpdateProfile("Ada Lovelace", [new ContactPoint(Channel.Email, "ada@example.com")], "en", ["vip"]));
        for (var i = 1; i <= ClusterFixture.WindowSize + ClusterFixture.PageSize + 3; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"m-{i}", $"My address is {i} Analytical Street"));
        }

        await customer.ExpressIntentAsync(world.Intent("bike"));
        var insurer = await world.Partner("insurer");
        await customer.GrantConsentAsync(new GrantConsent(insurer, [ConsentScope.Profile], null));
        Assert.NotNull(await customer.ForPartners().GetProfileForPartnerAsync(insurer));
        var partnerReads = fixture.Grains.GetGrain<IPartnerAccessLogGrain>(id).GetGrainId();
        Assert.True(fixture.Journals.Holds(partnerReads, insurer));
        var firstPage = fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{id}/0");
        Assert.NotEmpty(await firstPage.GetAsync());

        var receipt = await customer.Stewardship().EraseAsync();
        var again = await customer.Stewardship().EraseAsync();

        var export = await customer.Stewardship().ExportAsync();
        var timeline = await customer.Stewardship().ExportTimelineAsync().ToListAsync();
        Assert.Null(export.Profile);
        Assert.Empty(export.Intents);
        Assert.Empty(export.Consents);
        Assert.Empty(export.Values.Weights!);
        Assert.Empty(timeline);
        Assert.Empty(await customer.ListPartnerAccessAsync());
        Assert.Null(fixture.Storage.Peek<TimelineArchivePageState>("timeline-page", firstPage.GetGrainId()));
        Assert.Null(fixture.Storage.Peek<TimelineArchivePageState>("timeline-page",
            fixture.Grains.GetGrain<ITimelineArchivePageGrain>($"{id}/1").GetGrainId()));
        // Physically gone from the journal, not only from the grain's memory.
        Assert.False(fixture.Journals.Holds(customer.GetGrainId(), "Analytical"));
        Assert.False(fixture.Journals.Holds(customer.GetGrainId(), "Ada Lovelace"));
        Assert.False(fixture.Journals.Holds(customer.GetGrainId(), "ada@example.com"));
        Assert.False(fixture.Journals.Holds(partnerReads, insurer));
        Assert.Equal(new[] { partner, insurer }.Order(StringComparer.Ordinal), receipt.PartnersNotified.Order(StringComparer.Ordinal));
        Assert.Equal(receipt.ErasedAt, again.ErasedAt);
        Assert.Equal(receipt.PartnersNotified, again.PartnersNotified);

        // Events leave one grain in order: once an interaction recorded after the erasure is out, a second
        // CustomerErased would be too.
        await customer.RecordInteractionAsync(Requests.Interaction("after"));
        await fixture.Events.WaitForAsync<InteractionRecorded>(e => e.CustomerId == id && e.InteractionId == "after");
        var erased = Assert.Single(fixture.Events.OfType<CustomerErased>(), e => e.CustomerId == id);
        Assert.Equal(receipt.PartnersNotified, erased.PartnerIds);
    }

    [Fact]
    public async Task A_customer_who_comes_back_after_erasure_starts_a_new_timeline_and_can_be_erased_again()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        await customer.RecordInteractionAsync(Requests.Interaction("before"));
        var first = await customer.Stewardship().EraseAsync();

        var back = await customer.RecordInteractionAsync(Requests.Interaction("back"));
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await customer.Stewardship().EraseAsync();

        Assert.Equal(1, back.Entry.Sequence);
        Assert.True(second.ErasedAt > first.ErasedAt);
        Assert.Empty(await customer.Stewardship().ExportTimelineAsync().ToListAsync());
    }
}
