using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Integration;

/// <summary>
/// On the in-process bus a consumer that gives up on an event after its retries (the ERP down for a minute) had the
/// last word: the outbox dropped the event and the bus's error queue lived in memory. It is now published again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Retrying_what_a_consumer_gave_up_on(ClusterFixture fixture)
{
    [Fact]
    public async Task An_event_a_consumer_gave_up_on_for_a_passing_reason_is_published_again_under_its_id_until_handled()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        var failuresLeft = 2;
        fixture.Events.ConsumerFails = m => m.Payload.Contains(id, StringComparison.Ordinal) && Interlocked.Decrement(ref failuresLeft) >= 0
            ? new HttpRequestException("The ERP is down (simulated).")
            : null;
        try
        {
            await customer.RecordInteractionAsync(Requests.Interaction("while-erp-down"));
            await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.CustomerId == id, count: 3);

            await customer.RecordInteractionAsync(Requests.Interaction("after"));
            await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.InteractionId == "after" && e.CustomerId == id);
        }
        finally
        {
            fixture.Events.ConsumerFails = _ => null;
        }

        // Relayed in order from the head: had the first stayed after it was handled, it would have gone out again first.
        var first = fixture.Events.Messages.Where(m => m.Payload.Contains(id, StringComparison.Ordinal) && m.Payload.Contains("while-erp-down", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, first.Count);
        Assert.Single(first.Select(m => m.MessageId).Distinct());
    }

    [Fact]
    public async Task An_event_a_consumer_refused_is_dropped_after_one_attempt_and_holds_nothing_back()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        fixture.Events.ConsumerFails = m => m.Payload.Contains(id, StringComparison.Ordinal) && m.Payload.Contains("refused", StringComparison.Ordinal)
            ? new RelationshipNotFoundException("Value chain 'x' does not exist (simulated).")
            : null;
        try
        {
            await customer.RecordInteractionAsync(Requests.Interaction("refused"));
            await customer.RecordInteractionAsync(Requests.Interaction("next"));
            await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.InteractionId == "next" && e.CustomerId == id);
            await customer.RecordInteractionAsync(Requests.Interaction("last"));
            await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.InteractionId == "last" && e.CustomerId == id);
        }
        finally
        {
            fixture.Events.ConsumerFails = _ => null;
        }

        Assert.Equal(["refused", "next", "last"],
            fixture.Events.OfType<InteractionRecorded>().Where(e => e.CustomerId == id).Select(e => e.InteractionId));
    }

    [Fact]
    public async Task An_event_no_consumer_can_handle_goes_after_its_attempts_and_holds_back_nothing_behind_it()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        fixture.Events.ConsumerFails = m => m.Payload.Contains(id, StringComparison.Ordinal) && m.Payload.Contains("poison", StringComparison.Ordinal)
            ? new InvalidOperationException("The consumer has a bug (simulated).")
            : null;
        try
        {
            await customer.RecordInteractionAsync(Requests.Interaction("poison"));
            await customer.RecordInteractionAsync(Requests.Interaction("behind"));
            await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.InteractionId == "behind" && e.CustomerId == id);
            await customer.RecordInteractionAsync(Requests.Interaction("last"));
            await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.InteractionId == "last" && e.CustomerId == id);
        }
        finally
        {
            fixture.Events.ConsumerFails = _ => null;
        }

        // Retried forever, it held every event behind it until the outbox was full and the customer refused changes.
        var published = fixture.Events.OfType<InteractionRecorded>().Where(e => e.CustomerId == id).Select(e => e.InteractionId).ToList();
        Assert.Equal(ClusterFixture.ConsumerAttempts, published.Count(i => i == "poison"));
        Assert.Equal("last", published[^1]);
    }

    [Theory]
    [InlineData(System.Net.HttpStatusCode.UnprocessableEntity, 1)]
    [InlineData(System.Net.HttpStatusCode.TooManyRequests, ClusterFixture.ConsumerAttempts)]
    [InlineData(System.Net.HttpStatusCode.Unauthorized, ClusterFixture.ConsumerAttempts)]
    [InlineData(System.Net.HttpStatusCode.Forbidden, ClusterFixture.ConsumerAttempts)]
    [InlineData(System.Net.HttpStatusCode.NotFound, ClusterFixture.ConsumerAttempts)]
    [InlineData(System.Net.HttpStatusCode.ServiceUnavailable, ClusterFixture.ConsumerAttempts)]
    public async Task A_back_office_systems_refusal_is_final_and_its_throttling_or_outage_is_tried_again(System.Net.HttpStatusCode answer, int attempts)
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        fixture.Events.ConsumerFails = m => m.Payload.Contains(id, StringComparison.Ordinal) && m.Payload.Contains("first", StringComparison.Ordinal)
            ? new HttpRequestException($"The ERP answered {(int)answer} (simulated).", null, answer)
            : null;
        try
        {
            await customer.RecordInteractionAsync(Requests.Interaction("first"));
            await customer.RecordInteractionAsync(Requests.Interaction("second"));
            await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.InteractionId == "second" && e.CustomerId == id);
        }
        finally
        {
            fixture.Events.ConsumerFails = _ => null;
        }

        Assert.Equal(attempts, fixture.Events.OfType<InteractionRecorded>().Count(e => e.CustomerId == id && e.InteractionId == "first"));
    }

    [Fact]
    public async Task Events_waiting_behind_one_whose_consumer_then_fails_are_published_again_from_it_and_leave_once_handled()
    {
        var id = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(id);
        var firstFinishes = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        // The first event's consumers take their time, then give up once; the second is handled at once, so it waits in
        // the outbox behind the first, as events do on the in-process bus.
        fixture.Events.ConsumersFinish = m => m.Payload.Contains(id, StringComparison.Ordinal) && m.Payload.Contains("slow", StringComparison.Ordinal)
            ? Interlocked.Increment(ref attempts) == 1 ? firstFinishes.Task : Task.FromResult<Exception?>(null)
            : null;
        try
        {
            await customer.RecordInteractionAsync(Requests.Interaction("slow"));
            await customer.RecordInteractionAsync(Requests.Interaction("quick"));
            await fixture.Events.WaitForAsync<InteractionRecorded>(e => e.CustomerId == id && e.InteractionId == "quick");
            firstFinishes.SetResult(new HttpRequestException("The ERP is down (simulated)."));

            // Published again from the head, the first is handled this time; both then leave the outbox.
            await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.CustomerId == id && e.InteractionId == "quick", count: 2);
            await customer.RecordInteractionAsync(Requests.Interaction("after"));
            await fixture.Events.WaitAdvancingAsync<InteractionRecorded>(fixture.Time, TimeSpan.FromSeconds(5), e => e.CustomerId == id && e.InteractionId == "after");
        }
        finally
        {
            fixture.Events.ConsumersFinish = _ => null;
        }

        Assert.Equal(["slow", "quick", "slow", "quick", "after"],
            fixture.Events.OfType<InteractionRecorded>().Where(e => e.CustomerId == id).Select(e => e.InteractionId));
    }
}
