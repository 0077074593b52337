using RelationshipGrains.Customers;
using RelationshipGrains.Partners;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Tests.Partners;

/// <summary>A partner with Conversation consent reads the conversation, not what other partners did or were given.</summary>
[Collection(ClusterCollection.Name)]
public sealed class Reading_a_conversation_as_a_partner(ClusterFixture fixture)
{
    private readonly PartnerWorld _world = new(fixture.Grains);

    [Fact]
    public async Task Other_partners_offers_chain_steps_and_consents_are_left_out_and_paging_still_reaches_every_entry_shown()
    {
        var (acme, globex) = (await _world.Partner("acme"), await _world.Partner("globex"));
        var customer = await _world.Customer();
        var owner = customer.GetPrimaryKeyString();
        for (var i = 1; i <= 3; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"before-{i}"));
        }

        await customer.GrantConsentAsync(new GrantConsent(acme, [ConsentScope.Conversation]));
        await customer.GrantConsentAsync(new GrantConsent(globex, [ConsentScope.Conversation]));
        await customer.ExpressIntentAsync(_world.Intent("desk"));
        await customer.ForPartners().ReceiveIntentOfferAsync(globex, "desk", PartnerWorld.Offer(800, 10));
        await customer.ForPartners().ReceiveIntentOfferAsync(acme, "desk", PartnerWorld.Offer(900, 12));
        var chain = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        await chain.CreateAsync(new CreateValueChain(owner, "Desk", [new SlotDefinition("maker")]));
        await chain.InviteAsync(owner, "maker", acme);
        await chain.InviteAsync(owner, "maker", globex);
        await chain.AsReference<IValueChainForPartnersGrain>().OfferAsync(globex, "maker", PartnerWorld.Offer(800, 10));
        await chain.AsReference<IValueChainForPartnersGrain>().OfferAsync(acme, "maker", PartnerWorld.Offer(900, 12));
        for (var i = 1; i <= 3; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"after-{i}"));
        }

        var everything = (await customer.GetTimelineAsync(new TimelineQuery(Limit: 100))).Entries;
        var seen = (await customer.ForPartners().GetTimelineForPartnerAsync(acme, new TimelineQuery(Limit: 100)))!.Entries;

        Assert.Contains(everything, e => e.Text?.Contains("globex", StringComparison.Ordinal) == true || e.Subject == globex || e.Author.Id == globex);
        Assert.DoesNotContain(seen, e => e.Text?.Contains("globex", StringComparison.Ordinal) == true || e.Subject == globex || e.Author.Id == globex);
        Assert.Equal(["after-3", "after-2", "after-1"], seen.Take(3).Select(e => e.EntryId));
        Assert.Equal(["before-3", "before-2", "before-1"], seen.TakeLast(3).Select(e => e.EntryId));
        // Its own doings stay: its consent, its intent offer and its offer in the chain, and the customer's intent.
        Assert.Equal(acme, Assert.Single(seen, e => e.Kind == TimelineEntryKind.ConsentGranted).Subject);
        Assert.Equal(acme, Assert.Single(seen, e => e.Kind == TimelineEntryKind.IntentOfferReceived).Author.Id);
        Assert.Equal(acme, Assert.Single(seen, e => e.Kind == TimelineEntryKind.ValueChainStep).Author.Id);
        Assert.Single(seen, e => e.Kind == TimelineEntryKind.IntentExpressed);
        Assert.Equal(10, seen.Count);

        // Two at a time, newest first, and oldest first: the entries held back never leave a page empty or short.
        Assert.Equal(seen.Select(e => e.Sequence), await PageAsync(acme, customer, before: true));
        Assert.Equal(seen.Select(e => e.Sequence).Reverse(), await PageAsync(acme, customer, before: false));
    }

    [Fact]
    public async Task A_partner_sees_that_staff_wrote_an_entry_but_not_who()
    {
        var acme = await _world.Partner("acme");
        var customer = await _world.Customer();
        await customer.GrantConsentAsync(new GrantConsent(acme, [ConsentScope.Conversation]));
        var staff = new Author(AuthorKind.Staff, "auth0|5f1c9a", "Dana Whitfield");
        await customer.RecordInteractionAsync(Requests.Interaction("answered") with { Author = staff, Direction = Direction.Outbound });

        var seen = (await customer.ForPartners().GetTimelineForPartnerAsync(acme, new TimelineQuery(Limit: 100)))!.Entries;

        // The customer shared the conversation, not our staff's sign-in subjects and names; their own view keeps them.
        Assert.Equal(new Author(AuthorKind.Staff), Assert.Single(seen, e => e.EntryId == "answered").Author);
        Assert.Equal(staff, (await customer.GetTimelineAsync(new TimelineQuery(Limit: 1))).Entries.Single().Author);
    }

    private static async Task<List<long>> PageAsync(string partnerId, ICustomerGrain customer, bool before)
    {
        List<long> read = [];
        long? cursor = before ? null : 0;
        while (true)
        {
            var page = (await customer.ForPartners().GetTimelineForPartnerAsync(partnerId,
                before ? new TimelineQuery(Before: cursor, Limit: 2) : new TimelineQuery(After: cursor, Limit: 2)))!;
            read.AddRange(page.Entries.Select(e => e.Sequence));
            if (!page.HasMore)
            {
                return read;
            }

            Assert.Equal(2, page.Entries.Count);
            cursor = page.Entries[^1].Sequence;
        }
    }
}
