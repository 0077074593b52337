using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Customers;

[Collection(ClusterCollection.Name)]
public sealed class Following_the_live_feed(ClusterFixture fixture)
{
    private static CancellationTokenSource Bounded() => new(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_subscriber_gets_existing_entries_then_new_ones_in_order()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        await customer.RecordInteractionAsync(Requests.Interaction("a"));
        using var cts = Bounded();
        await using var feed = customer.WatchTimelineAsync(0, cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await feed.MoveNextAsync());
        Assert.Equal("a", feed.Current.EntryId);
        var waiting = feed.MoveNextAsync();
        await customer.RecordInteractionAsync(Requests.Interaction("b"));

        Assert.True(await waiting);
        Assert.Equal(("b", 2L), (feed.Current.EntryId, feed.Current.Sequence));
    }

    [Fact]
    public async Task Resuming_after_a_sequence_delivers_the_rest_without_gaps_or_duplicates()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        for (var i = 1; i <= 4; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"e-{i}"));
        }

        using var cts = Bounded();
        var received = new List<long>();
        var writers = Task.WhenAll(Enumerable.Range(5, 20).Select(i => customer.RecordInteractionAsync(Requests.Interaction($"e-{i}"))));
        await foreach (var entry in customer.WatchTimelineAsync(2, cts.Token).WithCancellation(cts.Token))
        {
            received.Add(entry.Sequence);
            if (received.Count == 22)
            {
                break;
            }
        }

        await writers;
        Assert.Equal(Enumerable.Range(3, 22).Select(i => (long)i), received);
    }

    [Fact]
    public async Task Every_kind_of_change_reaches_the_feed()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        using var cts = Bounded();
        await using var feed = customer.WatchTimelineAsync(0, cts.Token).GetAsyncEnumerator(cts.Token);

        await customer.UpdateProfileAsync(new UpdateProfile("Ada"));
        await customer.ExpressIntentAsync(new ExpressIntent("bike", "A cargo bike", "bikes"));
        await customer.GrantConsentAsync(new GrantConsent(await new PartnerWorld(fixture.Grains).Partner("velo"), [ConsentScope.Intents]));

        List<TimelineEntryKind> kinds = [];
        for (var i = 0; i < 3 && await feed.MoveNextAsync(); i++)
        {
            kinds.Add(feed.Current.Kind);
        }

        Assert.Equal([TimelineEntryKind.ProfileUpdated, TimelineEntryKind.IntentExpressed, TimelineEntryKind.ConsentGranted], kinds);
    }

    [Fact]
    public async Task A_negative_resume_point_is_refused()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        using var cts = Bounded();

        var error = await Assert.ThrowsAsync<RelationshipValidationException>(async () =>
        {
            await foreach (var _ in customer.WatchTimelineAsync(-1, cts.Token).WithCancellation(cts.Token))
            {
            }
        });

        Assert.Equal("afterSequence", error.Field);
    }
}
