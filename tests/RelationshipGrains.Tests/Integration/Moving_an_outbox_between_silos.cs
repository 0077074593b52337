using Orleans.Core.Internal;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Integration;

/// <summary>
/// The rebalancer moves activations between silos in batches. A moving customer hands what it has published to its
/// new activation instead of writing it down on the way out, and keeps its wake-up reminder.
/// </summary>
public sealed class Moving_an_outbox_between_silos(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task A_moved_customer_writes_nothing_on_its_way_out_and_publishes_nothing_twice()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        var grainId = customer.GetGrainId();
        await customer.RecordInteractionAsync(Requests.Interaction("before-the-move"));
        await fixture.Events.WaitForAsync<InteractionRecorded>(e => e.CustomerId == id);
        var writesBefore = fixture.Journals.Writes(grainId);
        var target = await OtherSiloAsync(customer);

        await fixture.Cluster.PlaceOnAsync(customer, target);
        var writesAfterTheMove = fixture.Journals.Writes(grainId);
        var reminderKept = fixture.Reminders.Holds(grainId, GrainOutbox.ReminderName);
        await customer.RecordInteractionAsync(Requests.Interaction("after-the-move"));
        await fixture.Events.WaitForAsync<InteractionRecorded>(e => e.CustomerId == id && e.InteractionId == "after-the-move");

        Assert.True(await fixture.Cluster.LivesOnAsync(customer, target));
        Assert.Equal(writesBefore, writesAfterTheMove);
        Assert.True(reminderKept);
        Assert.Equal(["before-the-move", "after-the-move"], fixture.Events.OfType<InteractionRecorded>().Where(e => e.CustomerId == id).Select(e => e.InteractionId));
    }

    [Fact]
    public async Task The_next_change_writes_down_what_the_move_handed_over()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        var grainId = customer.GetGrainId();
        await customer.RecordInteractionAsync(Requests.Interaction("first"));
        await fixture.Events.WaitForAsync<InteractionRecorded>(e => e.CustomerId == id);
        await fixture.Cluster.PlaceOnAsync(customer, await OtherSiloAsync(customer));

        await customer.UpdateProfileAsync(new UpdateProfile("Moved"));
        var writesAfterTheChange = fixture.Journals.Writes(grainId);
        await customer.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await customer.RecordInteractionAsync(Requests.Interaction("second"));
        await fixture.Events.WaitForAsync<InteractionRecorded>(e => e.CustomerId == id && e.InteractionId == "second");

        // Nothing was left to write on deactivation, and the activation read from storage had nothing to publish again.
        Assert.Equal(writesAfterTheChange + 1, fixture.Journals.Writes(grainId));
        Assert.Equal(["first", "second"], fixture.Events.OfType<InteractionRecorded>().Where(e => e.CustomerId == id).Select(e => e.InteractionId));
    }

    private async Task<SiloAddress> OtherSiloAsync(ICustomerGrain customer)
    {
        foreach (var silo in fixture.Cluster.Silos)
        {
            if (!await fixture.Cluster.LivesOnAsync(customer, silo.SiloAddress))
            {
                return silo.SiloAddress;
            }
        }

        throw new InvalidOperationException("The customer is active on every silo.");
    }
}
