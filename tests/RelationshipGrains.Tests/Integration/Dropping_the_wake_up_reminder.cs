using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Integration;

/// <summary>
/// Published events leave storage with the grain's next write or its deactivation. The wake-up reminder used to go once
/// a period passed without a write, whatever storage still held: a silo that died after that, before the grain
/// deactivated, left published events there, and the grain's next activation (days later, say) published them again,
/// past what consumers remember of message ids.
/// </summary>
public sealed class Dropping_the_wake_up_reminder(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task What_was_published_leaves_storage_before_the_reminder_goes_so_a_silo_dying_later_publishes_nothing_again()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        var doomed = fixture.Cluster.Silos[1];
        await customer.GetProfileAsync();
        await fixture.Cluster.PlaceOnAsync(customer, doomed.SiloAddress);

        await customer.RecordInteractionAsync(Requests.Interaction("published-once"));
        await fixture.Events.WaitForAsync<InteractionRecorded>(e => e.CustomerId == id);
        // The reminder goes at its first tick after a whole period without a write; in steps, so each tick gets its turn.
        await Poll.UntilAsync(async () =>
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(200);
            return (await fixture.Reminders.ReadRows(customer.GetGrainId())).Reminders.Any(r => r.ReminderName == GrainOutbox.ReminderName);
        }, held => !held, TimeSpan.FromSeconds(30), "the outbox's wake-up reminder going");

        await fixture.Cluster.KillSiloAsync(doomed);
        await customer.RecordInteractionAsync(Requests.Interaction("after-the-kill"));
        await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.CustomerId == id && e.InteractionId == "after-the-kill");

        // Relayed in order: had storage still held the first, the new activation would have published it before the second.
        Assert.Equal(["published-once", "after-the-kill"],
            fixture.Events.OfType<InteractionRecorded>().Where(e => e.CustomerId == id).Select(e => e.InteractionId));
    }
}
