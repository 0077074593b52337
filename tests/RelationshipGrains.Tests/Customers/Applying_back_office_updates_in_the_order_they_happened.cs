using RelationshipGrains.Customers;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Customers;

/// <summary>
/// A service desk's or a marketing system's updates to one case or campaign may arrive out of order (a redelivery, two
/// consumers): the one that happened last sets the status, and every one is kept on the timeline.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Applying_back_office_updates_in_the_order_they_happened(ClusterFixture fixture)
{
    [Fact]
    public async Task An_update_that_happened_before_the_last_is_recorded_at_its_time_without_moving_the_status()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer()).Stewardship();
        var now = fixture.Time.GetUtcNow();

        var opened = await customer.ApplyBackOfficeUpdateAsync(Case(null, now.AddMinutes(-3)));
        await customer.ApplyBackOfficeUpdateAsync(Case("resolved", now.AddMinutes(-1)));
        var late = Case("pending", now.AddMinutes(-2), "Waiting for the customer's photos");
        var pending = await customer.ApplyBackOfficeUpdateAsync(late);
        var again = await customer.ApplyBackOfficeUpdateAsync(late);

        Assert.Equal("resolved", await StatusOfAsync(customer, opened.Entry.Sequence));
        Assert.Equal((TimelineEntryKind.StatusChanged, "pending", now.AddMinutes(-2), opened.Entry.Sequence, "Waiting for the customer's photos"),
            (pending.Entry.Kind, pending.Entry.Status, pending.Entry.OccurredAt, pending.Entry.RelatesTo, pending.Entry.Text));
        Assert.Equal((false, pending.Entry.Sequence), (again.Created, again.Entry.Sequence));

        // One that happened later than every other moves it again.
        await customer.ApplyBackOfficeUpdateAsync(Case("closed", now));
        Assert.Equal("closed", await StatusOfAsync(customer, opened.Entry.Sequence));
        Assert.Equal(4, (await customer.ExportTimelineAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task A_case_opened_by_an_update_that_arrived_after_a_later_one_keeps_the_later_status()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer()).Stewardship();
        var now = fixture.Time.GetUtcNow();

        var first = await customer.ApplyBackOfficeUpdateAsync(Case("pending", now.AddMinutes(-1)));
        var opening = await customer.ApplyBackOfficeUpdateAsync(Case("open", now.AddMinutes(-2)));

        Assert.Equal(TimelineEntryKind.ServiceCase, first.Entry.Kind);
        Assert.Equal((TimelineEntryKind.StatusChanged, "open"), (opening.Entry.Kind, opening.Entry.Status));
        Assert.Equal("pending", await StatusOfAsync(customer, first.Entry.Sequence));
    }

    [Fact]
    public async Task A_change_through_the_api_always_moves_the_status_and_back_office_updates_are_compared_among_themselves()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        var stewardship = customer.Stewardship();
        var now = fixture.Time.GetUtcNow();
        var opened = await stewardship.ApplyBackOfficeUpdateAsync(Case("resolved", now.AddMinutes(-1)));

        // The silo's clock says now, the desk said a minute ago; the agent's change is the newer.
        await customer.ChangeEntryStatusAsync(new ChangeEntryStatus("reopen-1", opened.Entry.Sequence, "open", new Author(AuthorKind.Staff, "agent-7")));
        Assert.Equal("open", await StatusOfAsync(stewardship, opened.Entry.Sequence));

        // Older than the desk's "resolved" a minute ago: recorded, but the status stays the agent's.
        await stewardship.ApplyBackOfficeUpdateAsync(Case("pending", now.AddMinutes(-2)));
        Assert.Equal("open", await StatusOfAsync(stewardship, opened.Entry.Sequence));

        // Newer than it, though older than the agent's change by the silo's clock: the desk's clocks are only compared with each other.
        await stewardship.ApplyBackOfficeUpdateAsync(Case("closed", now.AddSeconds(-30)));
        Assert.Equal("closed", await StatusOfAsync(stewardship, opened.Entry.Sequence));
    }

    [Fact]
    public async Task An_update_about_a_case_older_than_the_retry_window_still_moves_its_status()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        var now = fixture.Time.GetUtcNow();
        var opened = await customer.Stewardship().ApplyBackOfficeUpdateAsync(Case(null, now.AddMinutes(-5)));
        await InteractionsPastTheRetryWindowAsync(customer);

        var resolved = await customer.Stewardship().ApplyBackOfficeUpdateAsync(Case("resolved", now));

        Assert.Equal((TimelineEntryKind.StatusChanged, "resolved", opened.Entry.Sequence),
            (resolved.Entry.Kind, resolved.Entry.Status, resolved.Entry.RelatesTo));
        Assert.Single((await customer.Stewardship().ExportTimelineAsync().ToListAsync()), e => e.Kind == TimelineEntryKind.ServiceCase);
    }

    [Fact]
    public async Task Past_the_retry_window_only_the_latest_cases_are_kept_and_an_update_about_an_older_one_records_it_anew()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        var now = fixture.Time.GetUtcNow();
        List<long> cases = [];
        for (var i = 1; i <= ClusterFixture.SubjectsKept + 1; i++)
        {
            cases.Add((await customer.Stewardship().ApplyBackOfficeUpdateAsync(Case(null, now.AddMinutes(-5), subject: $"c-{i}"))).Entry.Sequence);
        }

        await InteractionsPastTheRetryWindowAsync(customer);

        var oldest = await customer.Stewardship().ApplyBackOfficeUpdateAsync(Case("resolved", now, subject: "c-1"));
        var kept = await customer.Stewardship().ApplyBackOfficeUpdateAsync(Case("resolved", now, subject: "c-2"));

        Assert.Equal((TimelineEntryKind.ServiceCase, true), (oldest.Entry.Kind, oldest.Created));
        Assert.Equal((TimelineEntryKind.StatusChanged, cases[1]), (kept.Entry.Kind, kept.Entry.RelatesTo));
    }

    [Fact]
    public async Task A_note_on_an_archived_case_keeps_the_status_it_was_last_changed_to()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        var now = fixture.Time.GetUtcNow();
        var opened = await customer.Stewardship().ApplyBackOfficeUpdateAsync(Case(null, now.AddMinutes(-5)));
        for (var i = 0; i <= ClusterFixture.WindowSize + ClusterFixture.PageSize; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"chat-{i}"));
        }

        // The case is archived as "open"; archived entries keep the status they had, and the change tells the rest.
        await customer.Stewardship().ApplyBackOfficeUpdateAsync(Case("resolved", now.AddMinutes(-1)));
        var note = await customer.Stewardship().ApplyBackOfficeUpdateAsync(Case(null, now, "The customer says thanks"));

        Assert.Equal((TimelineEntryKind.StatusChanged, "resolved", opened.Entry.Sequence), (note.Entry.Kind, note.Entry.Status, note.Entry.RelatesTo));
    }

    /// <summary>Enough interactions that the ids of every entry before them are forgotten, a page at a time.</summary>
    private static async Task InteractionsPastTheRetryWindowAsync(ICustomerGrain customer)
    {
        for (var i = 0; i <= ClusterFixture.IdempotencyWindow + ClusterFixture.PageSize; i++)
        {
            await customer.RecordInteractionAsync(Requests.Interaction($"chat-{i}"));
        }
    }

    private static BackOfficeUpdate Case(string? status, DateTimeOffset occurredAt, string? note = null, string subject = "c-7") => new(
        Guid.NewGuid(), TimelineEntryKind.ServiceCase, subject, Channel.Email, Direction.Inbound, "My parcel is late", null, status, note, occurredAt);

    private static async Task<string?> StatusOfAsync(ICustomerStewardshipGrain customer, long sequence) =>
        (await customer.ExportTimelineAsync().ToListAsync()).Single(e => e.Sequence == sequence).Status;
}
