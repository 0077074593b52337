using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Ideas;
using RelationshipGrains.Partners;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Security;

/// <summary>A cluster whose client is held to the channel-app surface, as every production grain client is.</summary>
public sealed class ChannelAppClusterFixture : ClusterFixture
{
    protected override bool ChannelAppsOnly => true;
}

/// <summary>
/// A grain client does what a channel app does and nothing an operator, partner, back office or another grain does;
/// refused calls change nothing, and the same methods still work between grains.
/// </summary>
public sealed class Holding_grain_clients_to_the_channel_surface(ChannelAppClusterFixture fixture) : IClassFixture<ChannelAppClusterFixture>
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private static RecordInteraction Hello(string id) => new(id, Channel.Chat, Direction.Inbound, Author.Customer, "Hello");

    [Fact]
    public async Task A_channel_app_records_and_reads_a_conversation()
    {
        var customer = _grains.GetGrain<ICustomerGrain>("surface-reader");
        var recorded = await customer.RecordInteractionAsync(Hello("hello-1"));
        var page = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 10));
        Assert.Equal(recorded.Entry.Sequence, Assert.Single(page.Entries).Sequence);
    }

    [Fact]
    public async Task A_channel_app_follows_a_live_feed_and_stops_it()
    {
        var customer = _grains.GetGrain<ICustomerGrain>("surface-watcher");
        await customer.RecordInteractionAsync(Hello("watched-1"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var entry in customer.WatchTimelineAsync(0, stop.Token))
        {
            Assert.Equal("watched-1", entry.EntryId);
            break;
        }

        // A live feed the client gives up on is cancelled in the silo: it reads from the next entry on again.
        using var cancel = new CancellationTokenSource();
        var watching = customer.WatchTimelineAsync(1, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = watching.MoveNextAsync().AsTask();
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        await watching.DisposeAsync();
    }

    [Fact]
    public async Task A_channel_app_names_staff_by_id_and_may_not_state_a_persons_name()
    {
        // Over HTTP a name comes only from a person's sign-in, and a key stating one is refused: so is a grain client.
        var customer = _grains.GetGrain<ICustomerGrain>("surface-author");
        var asStaff = await customer.RecordInteractionAsync(new RecordInteraction("staff-1", Channel.Phone, Direction.Outbound, new Author(AuthorKind.Staff, "agent-7"), "Called back"));
        var named = await Assert.ThrowsAsync<RelationshipValidationException>(() => customer.RecordInteractionAsync(
            new RecordInteraction("forged-1", Channel.Phone, Direction.Outbound, new Author(AuthorKind.Staff, "auth0|alice", "Alice Smith"), "Refund approved")));
        var namedChange = await Assert.ThrowsAsync<RelationshipValidationException>(() => customer.ChangeEntryStatusAsync(
            new ChangeEntryStatus("forged-2", asStaff.Entry.Sequence, "resolved", new Author(AuthorKind.Staff, "auth0|alice", "Alice Smith"))));

        Assert.Equal(("author.name", "author.name comes from a person's sign-in; a grain client names staff by author.id only."), (named.Field, named.Message));
        Assert.Equal("author.name", namedChange.Field);
        Assert.Equal(1, (await customer.GetTimelineAsync(new TimelineQuery())).LatestSequence);
    }

    [Fact]
    public async Task The_grains_own_interfaces_and_orleans_management_are_closed_to_clients()
    {
        // The partner directory is what intents are matched against; a partner nobody registered must not get in.
        var directory = _grains.GetGrain<RelationshipGrains.Grains.Partners.IPartnerDirectoryGrain>(RelationshipGrains.Grains.Partners.IPartnerDirectoryGrain.Key);
        var refused = await Assert.ThrowsAsync<RelationshipForbiddenException>(() => directory.UpsertAsync(
            new PartnerProfile("surface-injected", "Injected Ltd", ["surface-chairs"], new Dictionary<string, double>(), null, DateTimeOffset.UtcNow)));
        Assert.Contains("UpsertAsync is not open to grain clients", refused.Message);
        await Assert.ThrowsAsync<RelationshipForbiddenException>(() =>
            _grains.GetGrain<RelationshipGrains.Grains.Customers.ITimelineArchivePageGrain>("surface-archive/0").GetAsync());
        await Assert.ThrowsAsync<RelationshipForbiddenException>(() =>
            _grains.GetGrain<RelationshipGrains.Grains.Communities.ICommunityPostPageGrain>("surface-community/0").StoreAsync([]));
        await Assert.ThrowsAsync<RelationshipForbiddenException>(() => _grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));

        // Nothing got in: an intent in that category is matched with no one.
        var customer = _grains.GetGrain<ICustomerGrain>("surface-intent");
        var intent = await customer.ExpressIntentAsync(new ExpressIntent("want-chair", "A chair", "surface-chairs"));
        Assert.Empty(intent.Matches ?? []);
    }

    [Fact]
    public async Task A_method_refused_to_the_client_still_serves_the_grains_that_call_it()
    {
        // The customer lists itself in its directory shard (UpsertAsync, not open to clients) when its profile changes.
        var customer = _grains.GetGrain<ICustomerGrain>("surface-directory");
        await customer.UpdateProfileAsync(new UpdateProfile("Dora Directory"));
        var shard = _grains.GetGrain<ICustomerDirectoryGrain>(CustomerDirectory.ShardOf("surface-directory"));
        await Assert.ThrowsAsync<RelationshipForbiddenException>(() => shard.RemoveAsync("surface-directory"));
        Assert.Equal("surface-directory", Assert.Single(await shard.SearchAsync("Dora Directory", 10)).CustomerId);

        // The whole-directory search, as HTTP offers it, is open to clients too.
        var search = _grains.GetGrain<ICustomerSearchGrain>(0);
        Assert.Equal("surface-directory", Assert.Single(await search.SearchAsync("dora directory")).CustomerId);
        Assert.Equal("limit", (await Assert.ThrowsAsync<RelationshipValidationException>(() => search.SearchAsync("dora", 51))).Field);
        Assert.Empty(await _grains.GetGrain<RelationshipGrains.ValueChains.ICustomerValueChainsGrain>(0).ListAsync("surface-directory"));
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() =>
            _grains.GetGrain<ICustomerIntelligenceGrain>(0).AddEvidenceAsync(new AddIdeaEvidence("surface-no-idea", "surface-directory", 1)));
        // A partner's desk is for the partner API; a channel app may not read partners' inboxes.
        await Assert.ThrowsAsync<RelationshipForbiddenException>(() => _grains.GetGrain<IPartnerDeskGrain>(0).InboxAsync("any-partner"));
    }

    [Fact]
    public async Task Exporting_or_erasing_a_customer_is_refused_and_the_customer_is_untouched()
    {
        var customer = _grains.GetGrain<ICustomerGrain>("surface-erase");
        await customer.RecordInteractionAsync(Hello("kept-1"));

        var export = await Assert.ThrowsAsync<RelationshipForbiddenException>(() => customer.Stewardship().ExportAsync());
        Assert.Contains("ExportAsync is not open to grain clients", export.Message);
        await Assert.ThrowsAsync<RelationshipForbiddenException>(() => customer.Stewardship().EraseAsync());

        var page = await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 10));
        Assert.Equal("kept-1", Assert.Single(page.Entries).EntryId);
    }

    [Fact]
    public async Task Registering_a_partner_or_issuing_it_a_key_is_refused_and_no_partner_exists()
    {
        var partner = _grains.GetGrain<IPartnerGrain>("surface-partner");
        await Assert.ThrowsAsync<RelationshipForbiddenException>(() => partner.AsReference<IPartnerAccountGrain>().RegisterAsync(new RegisterPartner("Sneaky Ltd", ["bikes"])));
        await Assert.ThrowsAsync<RelationshipForbiddenException>(() => partner.AsReference<IPartnerAccountGrain>().IssueKeyAsync());
        Assert.Null(await partner.GetAsync());
    }

    [Fact]
    public async Task Writing_a_system_entry_on_a_timeline_or_moving_an_idea_is_refused()
    {
        var customer = _grains.GetGrain<ICustomerGrain>("surface-system-entry");
        await Assert.ThrowsAsync<RelationshipForbiddenException>(() =>
            customer.Notices().RecordIdeaUpdateAsync(new IdeaUpdate("fake-1", "idea-1", "riders", "Your idea was delivered!", "delivered")));
        await Assert.ThrowsAsync<RelationshipForbiddenException>(() =>
            _grains.GetGrain<IIdeaGrain>("riders/idea-1").AsReference<IIdeaLifecycleGrain>().ChangeStatusAsync(IdeaStatus.Selected, "no round", round: null));
        // Raw evidence names any customer as an asker (fitness, and a notice on their timeline); channel apps give
        // a timeline entry or a mention to ICustomerIntelligenceGrain, which checks it.
        await Assert.ThrowsAsync<RelationshipForbiddenException>(() =>
            _grains.GetGrain<IIdeaGrain>("riders-idea-1").AsReference<IIdeaLifecycleGrain>().AddEvidenceAsync(
                new IdeaEvidence("surface-system-entry", "surface-system-entry", EvidenceKind.Interaction, "made-up", "Please build it", null, DateTimeOffset.UtcNow)));
        Assert.Empty((await customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 10))).Entries);
    }
}
