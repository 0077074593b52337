using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Integration;

[Collection(ClusterCollection.Name)]
public sealed class Relaying_the_outbox(ClusterFixture fixture)
{
    [Fact]
    public async Task Each_change_is_published_once_and_a_retried_request_publishes_nothing_more()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);

        await customer.RecordInteractionAsync(Requests.Interaction("first"));
        var retry = await customer.RecordInteractionAsync(Requests.Interaction("first"));
        await customer.RecordInteractionAsync(Requests.Interaction("second"));
        var acme = await new PartnerWorld(fixture.Grains).Partner("acme");
        await customer.GrantConsentAsync(new GrantConsent(acme, [ConsentScope.Profile], null));

        // One grain relays in order, so once the consent change is out, any repeat of the first would be too.
        await fixture.Events.WaitForAsync<ConsentChanged>(e => e.CustomerId == id && e.PartnerId == acme);
        var recorded = fixture.Events.OfType<InteractionRecorded>().Where(e => e.CustomerId == id).ToList();
        Assert.False(retry.Created);
        Assert.Equal([(1L, "first"), (2L, "second")], recorded.Select(e => (e.Sequence, e.InteractionId)));
        Assert.Equal("interaction", recorded[0].Kind);
        Assert.Equal("chat", recorded[0].Channel);
        Assert.Equal(3, fixture.Events.Messages.Count(m => m.Payload.Contains(id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_event_whose_write_is_in_flight_is_not_published_and_never_is_when_that_write_fails()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);

        // The first event is refused once, so its relay waits on a retry timer.
        var refusedOnce = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Events.Refuse = m => m.Payload.Contains(id, StringComparison.Ordinal) && refusedOnce.TrySetResult();
        try
        {
            await customer.RecordInteractionAsync(Requests.Interaction("stored-1"));
            await refusedOnce.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            fixture.Events.Refuse = _ => false;
        }

        // The second change's write is held while the retry comes due: the relay, which interleaves with calls,
        // finds both events in memory but may publish only the stored one.
        var (held, release) = fixture.Journals.HoldNextWrite(customer.GetGrainId());
        var second = customer.RecordInteractionAsync(Requests.Interaction("unstored-2"));
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        var published = await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.CustomerId == id);
        await Task.Delay(300);

        using (fixture.Journals.FailWritesTo(customer.GetGrainId()))
        {
            release.SetResult();
            await Assert.ThrowsAnyAsync<Exception>(() => second);
        }

        await fixture.Cluster.DeactivateAsync(customer);
        Assert.Equal("stored-1", Assert.Single(published).InteractionId);
        Assert.Equal(["stored-1"], fixture.Events.OfType<InteractionRecorded>().Where(e => e.CustomerId == id).Select(e => e.InteractionId));
        Assert.Equal(1, (await customer.GetTimelineAsync(new TimelineQuery())).LatestSequence);
    }

    [Fact]
    public async Task A_publish_that_hangs_holds_up_no_call_and_what_was_written_meanwhile_follows_it_out()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        var broker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Events.Slow = (m =>
        {
            if (!m.Payload.Contains(id, StringComparison.Ordinal))
            {
                return false;
            }

            hanging.TrySetResult();
            return true;
        }, broker.Task);
        try
        {
            await customer.RecordInteractionAsync(Requests.Interaction("first"));
            await hanging.Task.WaitAsync(TimeSpan.FromSeconds(30));

            // The first event's publish hangs; the grain still takes and answers calls, each written at once.
            var second = await customer.RecordInteractionAsync(Requests.Interaction("second")).WaitAsync(TimeSpan.FromSeconds(5));
            var third = await customer.RecordInteractionAsync(Requests.Interaction("third")).WaitAsync(TimeSpan.FromSeconds(5));
            var timeline = await customer.GetTimelineAsync(new TimelineQuery()).WaitAsync(TimeSpan.FromSeconds(5));
            Assert.True(second.Created && third.Created);
            Assert.Equal(3, timeline.LatestSequence);
            Assert.DoesNotContain(fixture.Events.OfType<InteractionRecorded>(), e => e.CustomerId == id);
        }
        finally
        {
            fixture.Events.Slow = null;
            broker.SetResult();
        }

        // No further write, reminder or clock move: the relay in flight takes the events written while it waited.
        var published = await fixture.Events.WaitForAsync<InteractionRecorded>(e => e.CustomerId == id, 3, TimeSpan.FromSeconds(10));
        Assert.Equal(["first", "second", "third"], published.Select(e => e.InteractionId));
    }

    [Fact]
    public async Task Events_wait_while_the_broker_refuses_them_and_go_out_under_the_same_ids_when_it_returns()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        var refused = new HashSet<Guid>();
        var firstRefusal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Events.Refuse = m =>
        {
            if (!m.Payload.Contains(id, StringComparison.Ordinal))
            {
                return false;
            }

            lock (refused)
            {
                refused.Add(m.MessageId);
            }

            firstRefusal.TrySetResult();
            return true;
        };

        try
        {
            for (var i = 1; i <= 3; i++)
            {
                Assert.True((await customer.RecordInteractionAsync(Requests.Interaction($"while-down-{i}"))).Created);
            }

            await firstRefusal.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.DoesNotContain(fixture.Events.OfType<InteractionRecorded>(), e => e.CustomerId == id);
        }
        finally
        {
            fixture.Events.Refuse = _ => false;
        }

        var published = await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.CustomerId == id, 3);
        var ids = fixture.Events.Messages.Where(m => m.Payload.Contains(id, StringComparison.Ordinal)).Select(m => m.MessageId).ToList();
        Assert.Equal([1L, 2L, 3L], published.Select(e => e.Sequence));
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Subset(ids.ToHashSet(), refused);
    }

    [Fact]
    public async Task A_full_outbox_refuses_further_changes_rather_than_lose_their_events()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        fixture.Events.Refuse = m => m.Payload.Contains(id, StringComparison.Ordinal);
        RelationshipUnavailableException refused;
        try
        {
            for (var i = 1; i <= ClusterFixture.MaxPendingEvents; i++)
            {
                await customer.RecordInteractionAsync(Requests.Interaction($"pending-{i}"));
            }

            refused = await Assert.ThrowsAsync<RelationshipUnavailableException>(() => customer.RecordInteractionAsync(Requests.Interaction("one-too-many")));
            Assert.Equal(ClusterFixture.MaxPendingEvents, (await customer.GetTimelineAsync(new TimelineQuery())).LatestSequence);
        }
        finally
        {
            fixture.Events.Refuse = _ => false;
        }

        await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.CustomerId == id, ClusterFixture.MaxPendingEvents);
        var accepted = await customer.RecordInteractionAsync(Requests.Interaction("one-too-many"));

        Assert.Contains("message broker", refused.Message);
        Assert.Equal((int)Math.Ceiling(new OutboxOptions().MaxRetryDelay.TotalSeconds), refused.RetryAfterSeconds);
        Assert.Equal(ClusterFixture.MaxPendingEvents + 1, accepted.Entry.Sequence);
    }

    [Fact]
    public async Task Changes_a_full_outbox_refuses_use_up_none_of_the_customers_allowance()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        fixture.Events.Refuse = m => m.Payload.Contains(id, StringComparison.Ordinal);
        try
        {
            for (var i = 1; i <= ClusterFixture.MaxPendingEvents; i++)
            {
                await customer.RecordInteractionAsync(Requests.Interaction($"pending-{i}"));
            }

            // Counted, the allowance ran out after the first 290 of these, and the rest were told to wait a minute.
            for (var i = 1; i <= ClusterFixture.InteractionsPerMinute; i++)
            {
                await Assert.ThrowsAsync<RelationshipUnavailableException>(() => customer.RecordInteractionAsync(Requests.Interaction($"again-{i}")));
            }
        }
        finally
        {
            fixture.Events.Refuse = _ => false;
        }

        // Until one is published, the silo takes the broker for away and every grain's relay waits for its retry.
        await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.CustomerId == id, ClusterFixture.MaxPendingEvents);
    }

    [Fact]
    public async Task A_message_that_can_never_be_published_is_set_aside_and_holds_nothing_back()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        fixture.Events.Unpublishable = m => m.Payload.Contains("\"poison\"", StringComparison.Ordinal);
        try
        {
            await customer.RecordInteractionAsync(Requests.Interaction("poison"));
            await customer.RecordInteractionAsync(Requests.Interaction("after"));
            await fixture.Events.WaitForAsync<InteractionRecorded>(e => e.CustomerId == id && e.InteractionId == "after");
        }
        finally
        {
            fixture.Events.Unpublishable = _ => false;
        }

        await customer.RecordInteractionAsync(Requests.Interaction("later"));
        var published = await fixture.Events.WaitForAsync<InteractionRecorded>(e => e.CustomerId == id, 2);

        Assert.Equal(["after", "later"], published.Select(e => e.InteractionId));
    }
}
