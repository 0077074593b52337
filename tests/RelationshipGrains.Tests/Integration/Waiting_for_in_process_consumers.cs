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
}
