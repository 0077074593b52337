using RelationshipGrains.Customers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Integration;

/// <summary>
/// A customer stores an interaction's event as a reference to its timeline entry, and builds the event again from the
/// entry after a reactivation. What consumers receive must be the event as raised, whatever became of the entry since.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Storing_interaction_events_by_reference(ClusterFixture fixture)
{
    private static readonly Author Agent = new(AuthorKind.Staff, "agent-1");

    [Fact]
    public async Task An_event_is_stored_without_json_and_published_as_raised_by_the_next_activation()
    {
        var (id, customer) = New();
        TimelineEntry[] entries;
        using (Refuse(id))
        {
            await customer.RecordInteractionAsync(Requests.Interaction("ref-chat"));
            await customer.RecordInteractionAsync(Case("ref-case", "Boiler"));
            entries = [.. (await customer.GetTimelineAsync(new TimelineQuery(After: 0))).Entries];
            await fixture.Cluster.DeactivateAsync(customer);
        }

        Assert.True(fixture.Journals.Holds(customer.GetGrainId(), "ref-case"));
        Assert.False(fixture.Journals.Holds(customer.GetGrainId(), "\"interactionId\""));
        await customer.GetProfileAsync();
        var published = await PublishedAsync(id, 2);
        Assert.Equal(entries.Select(e => Expected(id, e)), published);
        Assert.Equal(
            [("interaction", "chat", "inbound", null, null), ("service-case", "chat", "inbound", "Boiler", "open")],
            published.Select(e => (e.Kind, e.Channel, e.Direction, e.Topic, e.Status)));
    }

    [Fact]
    public async Task A_waiting_event_keeps_the_status_its_entry_was_recorded_with()
    {
        var (id, customer) = New();
        using (Refuse(id))
        {
            await customer.RecordInteractionAsync(Case("status-case", "Invoice"));
            await fixture.Cluster.DeactivateAsync(customer);
            await customer.ChangeEntryStatusAsync(new ChangeEntryStatus("status-change", 1, "resolved", Agent));
        }

        var recorded = Assert.Single(await PublishedAsync(id, 1));
        Assert.Equal("open", recorded.Status);
        Assert.True(fixture.Journals.Holds(customer.GetGrainId(), "\"interactionId\":\"status-case\""));
        Assert.Equal("resolved", (await customer.GetTimelineAsync(new TimelineQuery(After: 0))).Entries[0].Status);
    }

    [Fact]
    public async Task A_waiting_event_whose_entry_is_archived_is_stored_whole_first()
    {
        var (id, customer) = New();
        TimelineEntry first;
        using (Refuse(id))
        {
            await customer.RecordInteractionAsync(Requests.Interaction("archived-chat"));
            first = (await customer.GetTimelineAsync(new TimelineQuery(After: 0))).Entries[0];

            // Status changes raise no event, so the outbox stays short while the window fills and its first page goes.
            await customer.RecordInteractionAsync(Case("archived-case", "Boiler"));
            for (var i = 0; i < ClusterFixture.WindowSize + 2 * ClusterFixture.PageSize; i++)
            {
                await customer.ChangeEntryStatusAsync(new ChangeEntryStatus($"archived-change-{i}", 2, i % 2 == 0 ? "pending" : "open", Agent));
            }

            await WaitUntilArchivedAsync(customer, "\"interactionId\":\"archived-chat\"");
            await fixture.Cluster.DeactivateAsync(customer);
        }

        await customer.GetProfileAsync();
        var published = await PublishedAsync(id, 2);
        Assert.Equal(Expected(id, first), published[0]);
        Assert.Equal(("archived-case", "open"), (published[1].InteractionId, published[1].Status));
    }

    [Fact]
    public async Task A_waiting_event_outlives_the_erasure_of_its_entry()
    {
        var (id, customer) = New();
        TimelineEntry entry;
        using (Refuse(id))
        {
            await customer.RecordInteractionAsync(Requests.Interaction("erased-chat"));
            entry = (await customer.GetTimelineAsync(new TimelineQuery(After: 0))).Entries[0];
            await fixture.Cluster.DeactivateAsync(customer);
            await customer.Stewardship().EraseAsync();
        }

        Assert.Equal(Expected(id, entry), Assert.Single(await PublishedAsync(id, 1)));
        await fixture.Events.WaitForAsync<CustomerErased>(e => e.CustomerId == id);
    }

    private (string Id, ICustomerGrain Customer) New()
    {
        var id = Keys.Customer();
        return (id, fixture.Grains.GetGrain<ICustomerGrain>(id));
    }

    /// <summary>The broker refuses the customer's events until disposed: they wait in the outbox, and its retries with them.</summary>
    private IDisposable Refuse(string customerId)
    {
        fixture.Events.Refuse = m => m.Payload.Contains(customerId, StringComparison.Ordinal);
        return new Restore(() => fixture.Events.Refuse = _ => false);
    }

    private Task<IReadOnlyList<InteractionRecorded>> PublishedAsync(string customerId, int count) =>
        fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.CustomerId == customerId, count);

    /// <summary>
    /// Writes until the window's first page is trimmed, which stores the waiting events of its entries whole. The page is
    /// stored in the background after a write, and trimmed by the next write after that: milliseconds, bounded here by
    /// 30 s as every wait in these tests is, so a stalled machine fails no passing run.
    /// </summary>
    private async Task WaitUntilArchivedAsync(ICustomerGrain customer, string stored)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; !fixture.Journals.Holds(customer.GetGrainId(), stored); i++)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The window's first page was never archived.");
            await Task.Delay(20);
            await customer.ChangeEntryStatusAsync(new ChangeEntryStatus($"archiving-{i}", 2, i % 2 == 0 ? "pending" : "open", Agent));
        }
    }

    private static RecordInteraction Case(string id, string topic) =>
        Requests.Interaction(id) with { Kind = TimelineEntryKind.ServiceCase, Topic = topic };

    private static InteractionRecorded Expected(string customerId, TimelineEntry entry) =>
        new(customerId, entry.Sequence, entry.EntryId, entry.Kind == TimelineEntryKind.ServiceCase ? "service-case" : "interaction", "chat", "inbound",
            entry.Topic, entry.Status, entry.OccurredAt, entry.RecordedAt);

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
