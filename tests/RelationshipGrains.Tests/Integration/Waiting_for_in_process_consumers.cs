using MassTransit;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Integration.Hosting;
using RelationshipGrains.Integration.Reporting;
using RelationshipGrains.Integration.Webhooks;

namespace RelationshipGrains.Tests.Integration;

/// <summary>
/// On the in-process bus an outbox keeps an event until every endpoint of ours that consumes its type has finished
/// with it (<see cref="InProcessHandling"/>), so a kill -9 cannot take events the bus held only in memory.
/// </summary>
public sealed class Waiting_for_in_process_consumers
{
    private static readonly IEndpointNameFormatter Names = new KebabCaseEndpointNameFormatter("rg", false);

    private static InProcessHandling Handling() => InProcessHandling.For(
        [typeof(WebhookConsumer), typeof(InteractionMetricsConsumer), typeof(RelationshipMetricsConsumer)], IntegrationEvents.Outbound, Names);

    [Fact]
    public async Task An_interaction_is_handled_once_the_webhook_and_the_bi_batch_endpoints_have_finished_with_it()
    {
        var handling = Handling();
        var id = Guid.NewGuid();

        await handling.PublishAsync(id, typeof(InteractionRecorded), () => Task.CompletedTask);
        var handled = handling.HandledAsync(id);
        handling.Handled(id, "rg-relationship-metrics");
        handling.Handled(id, "rg-webhook");
        handling.Handled(id, "rg-webhook");
        var afterOne = handled.IsCompleted;
        handling.Handled(id, "rg-interaction-metrics");
        await handled.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(afterOne);
        Assert.True(handling.HandledAsync(id).IsCompleted);
    }

    [Fact]
    public async Task A_failed_publish_is_forgotten_and_a_repeat_waits_with_the_first()
    {
        var handling = Handling();
        var id = Guid.NewGuid();
        var failed = Guid.NewGuid();
        static Task BrokerDown() => throw new InvalidOperationException("The broker is down.");

        await handling.PublishAsync(id, typeof(IntentExpressed), () => Task.CompletedTask);
        var first = handling.HandledAsync(id);
        await Assert.ThrowsAsync<InvalidOperationException>(() => handling.PublishAsync(id, typeof(IntentExpressed), BrokerDown));
        await Assert.ThrowsAsync<InvalidOperationException>(() => handling.PublishAsync(failed, typeof(IntentExpressed), BrokerDown));

        Assert.False(first.IsCompleted);
        Assert.Same(first, handling.HandledAsync(id));
        Assert.True(handling.HandledAsync(failed).IsCompleted);
    }

    [Fact]
    public async Task A_copy_whose_publish_fails_leaves_the_wait_to_a_copy_published_beside_it_which_learns_how_it_ended()
    {
        var handling = Handling();
        var id = Guid.NewGuid();
        var brokerAnswers = new TaskCompletionSource();
        var refused = new InvalidOperationException("The consumer refused it.");

        var failing = handling.PublishAsync(id, typeof(IntentExpressed), async () =>
        {
            await brokerAnswers.Task;
            throw new InvalidOperationException("The broker is down.");
        });
        var outcome = await handling.PublishAsync(id, typeof(IntentExpressed), () => Task.CompletedTask);
        brokerAnswers.SetResult();
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);

        // Before, the failed copy removed the entry the other waited on, which then waited out its timeout.
        foreach (var endpoint in new[] { "rg-webhook", "rg-relationship-metrics", "rg-interaction-metrics" })
        {
            handling.Handled(id, endpoint, endpoint == "rg-webhook" ? refused : null);
        }

        Assert.Same(refused, await outcome.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_failure_that_may_pass_outranks_a_refusal_so_the_event_is_tried_again()
    {
        var handling = Handling();
        var id = Guid.NewGuid();
        var refused = new Errors.RelationshipNotFoundException("Value chain 'x' does not exist (simulated).");
        var down = new HttpRequestException("The ERP is down (simulated).");

        var outcome = await handling.PublishAsync(id, typeof(InteractionRecorded), () => Task.CompletedTask);
        // The refusal comes at once; the other endpoint gives up only after its retries.
        handling.Handled(id, "rg-webhook", refused);
        handling.Handled(id, "rg-interaction-metrics", down);

        // First come, the refusal had the event dropped, and the consumer that was down never got it.
        Assert.Same(down, await outcome.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
