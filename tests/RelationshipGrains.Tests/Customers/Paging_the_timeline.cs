using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Customers;

[Collection(ClusterCollection.Name)]
public sealed class Paging_the_timeline(ClusterFixture fixture)
{
    private async Task<ICustomerGrain> CustomerWithEntries(int count)
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        for (var i = 1; i <= count; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"p-{i}", $"message {i}"));
        }

        return customer;
    }

    private static long[] Sequences(TimelinePage page) => [.. page.Entries.Select(e => e.Sequence)];

    [Fact]
    public async Task An_empty_timeline_has_no_entries_and_nothing_more()
    {
        var page = await (await CustomerWithEntries(0)).GetTimelineAsync(new TimelineQuery());

        Assert.Empty(page.Entries);
        Assert.Equal(0, page.LatestSequence);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task The_default_page_is_newest_first()
    {
        var page = await (await CustomerWithEntries(5)).GetTimelineAsync(new TimelineQuery(Limit: 3));

        Assert.Equal([5, 4, 3], Sequences(page));
        Assert.True(page.HasMore);
    }

    [Fact]
    public async Task Paging_with_before_walks_back_to_the_first_entry_exactly()
    {
        var customer = await CustomerWithEntries(5);

        var second = await customer.GetTimelineAsync(new TimelineQuery(Before: 3, Limit: 2));
        var last = await customer.GetTimelineAsync(new TimelineQuery(Before: 2, Limit: 2));

        Assert.Equal([2, 1], Sequences(second));
        Assert.False(second.HasMore);
        Assert.Equal([1], Sequences(last));
        Assert.False(last.HasMore);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(0, 0)]
    [InlineData(3, long.MaxValue - 1)]
    [InlineData(3, long.MaxValue)]
    [InlineData(0, long.MaxValue)]
    public async Task A_page_after_the_latest_entry_is_empty_up_to_the_largest_sequence(int entries, long after)
    {
        var customer = await CustomerWithEntries(entries);

        // long.MaxValue plus one wrapped round to the smallest long, which was read as an archived sequence (a 500).
        var page = await customer.GetTimelineAsync(new TimelineQuery(After: after));

        Assert.Empty(page.Entries);
        Assert.Equal(entries, page.LatestSequence);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task Paging_with_after_goes_oldest_first_and_stops_at_the_latest()
    {
        var customer = await CustomerWithEntries(5);

        var middle = await customer.GetTimelineAsync(new TimelineQuery(After: 1, Limit: 2));
        var end = await customer.GetTimelineAsync(new TimelineQuery(After: 3, Limit: 2));
        var beyond = await customer.GetTimelineAsync(new TimelineQuery(After: 5));

        Assert.Equal([2, 3], Sequences(middle));
        Assert.True(middle.HasMore);
        Assert.Equal([4, 5], Sequences(end));
        Assert.False(end.HasMore);
        Assert.Empty(beyond.Entries);
    }

    [Fact]
    public async Task After_and_before_together_give_the_range_between()
    {
        var page = await (await CustomerWithEntries(6)).GetTimelineAsync(new TimelineQuery(Before: 5, After: 1));

        Assert.Equal([2, 3, 4], Sequences(page));
        Assert.False(page.HasMore);
    }

    [Theory]
    [InlineData(0, "limit")]
    [InlineData(201, "limit")]
    public async Task A_page_size_outside_the_cap_is_refused(int limit, string field)
    {
        var error = await Assert.ThrowsAsync<RelationshipValidationException>(async () =>
            await (await CustomerWithEntries(0)).GetTimelineAsync(new TimelineQuery(Limit: limit)));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task The_largest_page_is_served_whole()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        await Task.WhenAll(Enumerable.Range(0, 210).Select(i => customer.RecordInteractionAsync(Requests.Interaction($"m-{i}"))));

        var page = await customer.GetTimelineAsync(new TimelineQuery(Limit: 200));

        Assert.Equal(200, page.Entries.Count);
        Assert.Equal(210, page.Entries[0].Sequence);
        Assert.True(page.HasMore);
    }
}
