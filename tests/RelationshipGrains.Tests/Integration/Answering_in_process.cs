using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Time.Testing;
using RelationshipGrains.Errors;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Integration.Direct;
using RelationshipGrains.Integration.Hosting;

namespace RelationshipGrains.Tests.Integration;

/// <summary>
/// In the embedded silo a consumer's answer (the ERP's order status) completes once the chain has applied it, so the
/// event it answers is not let go while the answer could still be lost to a kill -9.
/// </summary>
public sealed class Answering_in_process
{
    private const string StatusEndpoint = "erp-order-status-changed";

    [Fact]
    public async Task An_answer_completes_once_its_consumer_has_applied_it_and_under_the_id_given()
    {
        var bus = new RecordingBus();
        var handling = Handling();
        var answer = Status();
        var id = Guid.NewGuid();

        var publishing = new InProcessAnswers(bus, handling, TimeProvider.System).PublishAsync(answer, id, CancellationToken.None);
        await Task.Delay(50);
        var beforeApplied = publishing.IsCompleted;
        handling.Handled(id, StatusEndpoint);
        await publishing.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(beforeApplied);
        Assert.Same(answer, Assert.Single(bus.Published));
    }

    [Fact]
    public async Task An_answer_whose_consumer_failed_for_a_reason_that_may_pass_fails_with_it_and_a_refused_one_completes()
    {
        var handling = Handling();
        var (failed, refused) = (Guid.NewGuid(), Guid.NewGuid());
        var down = new TimeoutException("The value chain did not answer (simulated).");
        var answers = new InProcessAnswers(new RecordingBus(), handling, TimeProvider.System);

        var failing = answers.PublishAsync(Status(), failed, CancellationToken.None);
        var refusing = answers.PublishAsync(Status(), refused, CancellationToken.None);
        handling.Handled(failed, StatusEndpoint, down);
        handling.Handled(refused, StatusEndpoint, new RelationshipConflictException("Slot 'maker' cannot move (simulated)."));

        // The ERP consumer's attempt fails and is tried again; a refusal stays one, so the event is let go.
        Assert.Same(down, await Assert.ThrowsAsync<TimeoutException>(() => failing.WaitAsync(TimeSpan.FromSeconds(10))));
        await refusing.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_answer_nothing_applies_fails_after_the_answer_timeout_so_the_event_it_answers_is_tried_again()
    {
        // As on an in-memory bus not started yet, whose exchange drops what no started endpoint is bound to.
        var time = new FakeTimeProvider();
        var publishing = new InProcessAnswers(new RecordingBus(), Handling(), time).PublishAsync(Status(), Guid.NewGuid(), CancellationToken.None);
        await Task.Delay(50);
        time.Advance(InProcessAnswers.AnswerTimeout - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        var beforeTheTimeout = publishing.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));

        var timedOut = await Assert.ThrowsAsync<TimeoutException>(() => publishing.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(beforeTheTimeout);
        Assert.StartsWith("The ErpOrderStatusChanged ", timedOut.Message, StringComparison.Ordinal);
        Assert.EndsWith(" was not applied within 30 s.", timedOut.Message, StringComparison.Ordinal);
    }

    private static InProcessHandling Handling() => new(new Dictionary<Type, string[]> { [typeof(ErpOrderStatusChanged)] = [StatusEndpoint] });

    private static ErpOrderStatusChanged Status() =>
        new("vc-1", "maker", "velo-works", "erp-1", "accepted", "Order placed with the ERP.", new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Takes what is published, as the in-memory bus would before its consumer runs.</summary>
    private sealed class RecordingBus : IPublishEndpoint
    {
        public ConcurrentQueue<object> Published { get; } = new();

        public Task Publish<T>(T message, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class
        {
            Published.Enqueue(message);
            return Task.CompletedTask;
        }

        public ConnectHandle ConnectPublishObserver(IPublishObserver observer) => throw new NotSupportedException();

        public Task Publish<T>(T message, CancellationToken cancellationToken = default) where T : class => throw new NotSupportedException();

        public Task Publish<T>(T message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class =>
            throw new NotSupportedException();

        public Task Publish(object message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task Publish(object message, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task Publish(object message, Type messageType, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task Publish(object message, Type messageType, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task Publish<T>(object values, CancellationToken cancellationToken = default) where T : class => throw new NotSupportedException();

        public Task Publish<T>(object values, IPipe<PublishContext<T>> publishPipe, CancellationToken cancellationToken = default) where T : class =>
            throw new NotSupportedException();

        public Task Publish<T>(object values, IPipe<PublishContext> publishPipe, CancellationToken cancellationToken = default) where T : class =>
            throw new NotSupportedException();
    }
}
