using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Integration;

/// <summary>
/// The outbox's wake-up reminder costs the reminder table one registration per busy spell, not one per event or per
/// period. The ticks are delivered by hand, as the reminder service would, so each one is known to have run.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Keeping_the_wake_up_reminder(ClusterFixture fixture)
{
    [Fact]
    public async Task A_busy_customer_registers_it_once_and_it_goes_after_a_whole_period_without_a_write()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        var grainId = customer.GetGrainId();
        var tick = () => customer.AsReference<IRemindable>().ReceiveReminder(GrainOutbox.ReminderName, new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));
        int Calls(string operation) => fixture.Reminders.Calls(grainId, operation);

        await customer.RecordInteractionAsync(Requests.Interaction("busy-1"));
        await tick();
        await customer.RecordInteractionAsync(Requests.Interaction("busy-2"));
        await tick();
        await customer.RecordInteractionAsync(Requests.Interaction("busy-3"));
        await tick();
        var whileBusy = (Upserts: Calls(nameof(SharedTestReminderTable.UpsertRow)), Removes: Calls(nameof(SharedTestReminderTable.RemoveRow)), Held: fixture.Reminders.Holds(grainId, GrainOutbox.ReminderName));

        await tick();
        var afterAQuietPeriod = (Removes: Calls(nameof(SharedTestReminderTable.RemoveRow)), Held: fixture.Reminders.Holds(grainId, GrainOutbox.ReminderName));
        await customer.RecordInteractionAsync(Requests.Interaction("busy-again"));

        Assert.Equal((1, 0, true), whileBusy);
        Assert.Equal((1, false), afterAQuietPeriod);
        // Dropped with the registration the activation held, without reading the table first.
        Assert.Equal(0, Calls(nameof(SharedTestReminderTable.ReadRow)));
        Assert.Equal(2, Calls(nameof(SharedTestReminderTable.UpsertRow)));
        Assert.Equal(4, (await customer.GetTimelineAsync(new TimelineQuery())).LatestSequence);
    }

    [Fact]
    public async Task A_tick_while_the_broker_is_slow_holds_up_no_call_and_the_event_still_goes()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var broker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gaveUp = fixture.Events.SlowGaveUp;
        // Out of reach for the write's relay, which then waits out its backoff; slow from then on.
        fixture.Events.Refuse = m => m.Payload.Contains(id, StringComparison.Ordinal) && refused.TrySetResult();
        fixture.Events.Slow = (m => m.Payload.Contains(id, StringComparison.Ordinal) && refused.Task.IsCompleted, broker.Task);
        try
        {
            await customer.RecordInteractionAsync(Requests.Interaction("waiting"));
            await refused.Task.WaitAsync(TimeSpan.FromSeconds(30));

            // Published inside the tick, the event waited for the slow broker until its publish timed out, and the read
            // waited behind the tick.
            var tick = customer.AsReference<IRemindable>().ReceiveReminder(GrainOutbox.ReminderName, new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));
            var read = await customer.GetTimelineAsync(new TimelineQuery());
            await tick;
            Assert.Equal(gaveUp, fixture.Events.SlowGaveUp);
            Assert.Equal(1, read.LatestSequence);

            broker.SetResult();
            await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.CustomerId == id && e.InteractionId == "waiting");
        }
        finally
        {
            fixture.Events.Refuse = _ => false;
            fixture.Events.Slow = null;
        }
    }
}
