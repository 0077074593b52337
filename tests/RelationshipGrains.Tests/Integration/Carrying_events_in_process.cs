using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Integration.Hosting;

namespace RelationshipGrains.Tests.Integration;

/// <summary>The embedded silo's bus carries bare JSON: what the envelope carried must still arrive, and nothing more.</summary>
public sealed class Carrying_events_in_process
{
    [Fact]
    public async Task An_event_arrives_whole_under_its_message_id_and_only_as_its_own_type()
    {
        await using var services = new ServiceCollection()
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<TwoKindsConsumer>();
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseInProcessSerialization();
                    cfg.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var received = new ReceivedOnce();
        harness.Bus.ConnectReceiveObserver(received);

        var sent = new InteractionRecorded("c-1", 7, "chat-7", "interaction", "chat", "inbound", "Billing", null,
            new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 12, 1, 8, 30, 1, TimeSpan.Zero));
        var id = Guid.NewGuid();
        await harness.Bus.Publish(sent, c => c.MessageId = id);
        await received.Done.WaitAsync(TimeSpan.FromSeconds(30));

        // The receive is over, so every consumer it would reach has run: one call, as the type it was published as.
        var call = Assert.Single(TwoKindsConsumer.Calls);
        Assert.Equal((nameof(InteractionRecorded), id), (call.Kind, call.MessageId));
        Assert.Equal(sent, call.Message);
    }

    /// <summary>Consumes two event types, as the webhook consumer does ten.</summary>
    private sealed class TwoKindsConsumer : IConsumer<InteractionRecorded>, IConsumer<IntentExpressed>
    {
        public static readonly ConcurrentQueue<(string Kind, Guid? MessageId, object Message)> Calls = new();

        public Task Consume(ConsumeContext<InteractionRecorded> context) => Record(context);

        public Task Consume(ConsumeContext<IntentExpressed> context) => Record(context);

        private static Task Record<T>(ConsumeContext<T> context) where T : class
        {
            Calls.Enqueue((typeof(T).Name, context.MessageId, context.Message));
            return Task.CompletedTask;
        }
    }

    private sealed class ReceivedOnce : IReceiveObserver
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Done => _done.Task;

        public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

        public Task PostReceive(ReceiveContext context)
        {
            _done.TrySetResult();
            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class =>
            Task.CompletedTask;

        public Task ReceiveFault(ReceiveContext context, Exception exception)
        {
            _done.TrySetException(exception);
            return Task.CompletedTask;
        }
    }
}
