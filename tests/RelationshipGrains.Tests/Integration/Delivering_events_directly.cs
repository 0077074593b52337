using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Integration.Direct;
using RelationshipGrains.Integration.Hosting;

namespace RelationshipGrains.Tests.Integration;

/// <summary>
/// The embedded silo hands its outboxes' events to our consumers as objects (<see cref="DirectDelivery"/>), keeping
/// what the in-memory bus gave: every consumer of the type gets the event, retries that may pass are retried on the
/// same schedule, refusals are not, the BI batch gathers, and the outbox waits for all of it.
/// </summary>
public sealed class Delivering_events_directly : IDisposable
{
    private static readonly DateTimeOffset RaisedAt = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(RaisedAt);
    private readonly Calls _calls;
    private readonly ServiceProvider _services;
    private readonly DirectDelivery _delivery;

    public Delivering_events_directly()
    {
        _calls = new Calls(_time);
        _services = new ServiceCollection().AddSingleton(_calls).AddScoped<EveryKind>().AddScoped<IntentsOnly>().AddScoped<InBatches>()
            .BuildServiceProvider(true);
        DirectConsumer[] consumers =
        [
            new(typeof(EveryKind), "every-kind"), new(typeof(IntentsOnly), "intents-only"),
            new(typeof(InBatches), "in-batches", BatchSize: 3, BatchWindow: TimeSpan.FromMilliseconds(200)),
        ];
        var handling = new InProcessHandling(new Dictionary<Type, string[]>
        {
            [typeof(IntentExpressed)] = ["every-kind", "intents-only"],
            [typeof(InteractionRecorded)] = ["every-kind", "in-batches"],
        });
        _delivery = new DirectDelivery(consumers, handling, new NoAnswers(), _services.GetRequiredService<IServiceScopeFactory>(), _time,
            NullLogger<DirectDelivery>.Instance);
    }

    [Fact]
    public async Task An_event_reaches_every_consumer_of_its_type_as_raised_and_is_handled_once_the_last_has_finished()
    {
        var intent = new IntentExpressed("c-1", "i-1", "boilers", null, null, null, [], RaisedAt);
        var message = OutboxMessage.Create(intent, RaisedAt);
        var slow = _calls.Hold("intents-only");

        var outcome = await _delivery.PublishAndWatchAsync(message, CancellationToken.None);
        await _calls.WaitForAsync("every-kind", 1);
        var beforeTheLast = outcome.IsCompleted;
        slow.SetResult();

        Assert.Null(await outcome.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(beforeTheLast);
        Assert.All(_calls.Of("every-kind", "intents-only"), call =>
        {
            Assert.Same(intent, call.Event);
            Assert.Equal((message.MessageId, (DateTimeOffset?)RaisedAt), (call.Delivery.MessageId, call.Delivery.RaisedAt));
        });
        Assert.Equal(2, _calls.Of("every-kind", "intents-only").Count);
    }

    [Fact]
    public async Task A_failure_that_may_pass_is_tried_again_on_the_bus_schedule_until_it_succeeds()
    {
        _calls.Failures["intents-only"] = new Queue<Exception>([new HttpRequestException("down (simulated)"), new TimeoutException("slow (simulated)")]);

        var outcome = await _delivery.PublishAndWatchAsync(Intent(), CancellationToken.None);
        await AdvanceUntilAsync(outcome, TimeSpan.FromMilliseconds(10));

        Assert.Null(await outcome);
        var attempts = _calls.Of("intents-only").Select(c => c.At).ToArray();
        Assert.Equal(3, attempts.Length);
        // The clock moves in steps after each wait has begun, so a wait may look longer than it is, never shorter.
        Assert.InRange(attempts[1] - attempts[0], TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(999));
        Assert.InRange(attempts[2] - attempts[1], TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(4_999));
    }

    [Fact]
    public async Task A_refusal_is_not_tried_again_and_is_the_outcome()
    {
        var refusal = new RelationshipNotFoundException("Customer 'c-1' does not exist (simulated).");
        _calls.Failures["intents-only"] = new Queue<Exception>([refusal]);

        var outcome = await _delivery.PublishAndWatchAsync(Intent(), CancellationToken.None);

        Assert.Same(refusal, await outcome.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(_calls.Of("intents-only"));
    }

    [Fact]
    public async Task Each_attempt_is_timed_and_each_event_counted_once_by_consumer_and_outcome()
    {
        var times = new ConcurrentQueue<(string Consumer, string Outcome)>();
        var counts = new ConcurrentDictionary<(string Consumer, string Outcome), long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DirectDelivery.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            counts.AddOrUpdate(Tagged(tags), value, (_, n) => n + value));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => times.Enqueue(Tagged(tags)));
        listener.Start();
        _calls.Failures["intents-only"] = new Queue<Exception>(
            [new HttpRequestException("down (simulated)"), new RelationshipNotFoundException("Customer 'c-1' does not exist (simulated).")]);

        var outcome = await _delivery.PublishAndWatchAsync(Intent(), CancellationToken.None);
        await AdvanceUntilAsync(outcome, TimeSpan.FromMilliseconds(10));
        await outcome;

        // Meters are one per process: only this class's consumers are read.
        string[] ours = ["every-kind", "intents-only"];
        Assert.Equal(
            [("every-kind", "handled"), ("intents-only", "failed"), ("intents-only", "failed")],
            times.Where(t => ours.Contains(t.Consumer)).Order());
        Assert.Equal(
            new Dictionary<(string, string), long> { [("every-kind", "handled")] = 1, [("intents-only", "refused")] = 1 },
            counts.Where(c => ours.Contains(c.Key.Consumer)).ToDictionary());
    }

    private static (string Consumer, string Outcome) Tagged(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? consumer = null, outcome = null;
        foreach (var (key, value) in tags)
        {
            consumer = key == "consumer" ? (string?)value : consumer;
            outcome = key == "outcome" ? (string?)value : outcome;
        }

        return (consumer!, outcome!);
    }

    [Fact]
    public async Task A_failure_on_every_attempt_ends_after_five_attempts_with_the_last()
    {
        var failures = Enumerable.Range(1, 6).Select(i => new HttpRequestException($"down, attempt {i} (simulated)")).ToArray();
        _calls.Failures["intents-only"] = new Queue<Exception>(failures);

        var outcome = await _delivery.PublishAndWatchAsync(Intent(), CancellationToken.None);
        await AdvanceUntilAsync(outcome, TimeSpan.FromSeconds(1));

        Assert.Same(failures[4], await outcome);
        Assert.Equal(5, _calls.Of("intents-only").Count);
    }

    [Fact]
    public async Task Interactions_go_to_the_batch_consumer_a_full_batch_at_once_and_the_rest_when_its_window_closes()
    {
        var messages = Enumerable.Range(1, 4).Select(i => OutboxMessage.Create(
            new InteractionRecorded("c-1", i, $"chat-{i}", "interaction", "chat", "inbound", "Billing", null, RaisedAt, RaisedAt), RaisedAt)).ToArray();

        var outcomes = new List<Task<Exception?>>();
        foreach (var message in messages)
        {
            outcomes.Add(await _delivery.PublishAndWatchAsync(message, CancellationToken.None));
        }

        await Task.WhenAll(outcomes.Take(3)).WaitAsync(TimeSpan.FromSeconds(10));
        var lastBeforeItsWindow = outcomes[3].IsCompleted;
        await AdvanceUntilAsync(outcomes[3], TimeSpan.FromMilliseconds(50));

        Assert.False(lastBeforeItsWindow);
        Assert.Equal([[1, 2, 3], [4]], _calls.Batches.Select(b => b.Select(e => ((InteractionRecorded)e.Event).Sequence).ToArray()).ToArray());
        Assert.Equal(messages.Select(m => m.MessageId), _calls.Batches.SelectMany(b => b.Select(e => e.Delivery.MessageId)));
    }

    [Fact]
    public async Task A_refused_batch_is_tried_again_event_by_event_so_only_the_refused_event_is_dropped()
    {
        var messages = new[] { "Billing", InBatches.RefusedTopic, "Billing" }.Select((topic, i) => OutboxMessage.Create(
            new InteractionRecorded("c-1", i + 1, $"chat-{i + 1}", "interaction", "chat", "inbound", topic, null, RaisedAt, RaisedAt), RaisedAt)).ToArray();

        var outcomes = new List<Task<Exception?>>();
        foreach (var message in messages)
        {
            outcomes.Add(await _delivery.PublishAndWatchAsync(message, CancellationToken.None));
        }

        var ended = await Task.WhenAll(outcomes).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(ended[0]);
        Assert.IsType<RelationshipValidationException>(ended[1]);
        Assert.Null(ended[2]);
        Assert.Equal([[1, 2, 3], [1], [2], [3]], _calls.Batches.Select(b => b.Select(e => ((InteractionRecorded)e.Event).Sequence).ToArray()).ToArray());
    }

    [Fact]
    public async Task A_consumer_runs_on_the_thread_pool_without_the_relaying_calls_context()
    {
        var relaying = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

        var outcome = await Task.Factory.StartNew(() =>
        {
            Calls.SeenContext.Value = "the grain call's";
            return _delivery.PublishAndWatchAsync(Intent(), CancellationToken.None);
        }, CancellationToken.None, TaskCreationOptions.None, relaying).Unwrap();
        await outcome.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(_calls.Of("every-kind", "intents-only"), call =>
        {
            Assert.Same(TaskScheduler.Default, call.Scheduler);
            Assert.Null(call.ContextSeen);
        });
        Assert.Equal(2, _calls.Of("every-kind", "intents-only").Count);
    }

    [Fact]
    public async Task A_consumer_runs_in_a_span_of_the_relays_trace_and_a_batch_in_one_linked_to_each_events()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DirectDelivery.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var relay = new Activity("relay").SetIdFormat(ActivityIdFormat.W3C).Start();

        var intent = await _delivery.PublishAndWatchAsync(Intent(), CancellationToken.None);
        var interaction = await _delivery.PublishAndWatchAsync(OutboxMessage.Create(
            new InteractionRecorded("c-1", 1, "chat-1", "interaction", "chat", "inbound", "Billing", null, RaisedAt, RaisedAt), RaisedAt), CancellationToken.None);
        relay.Stop();
        await intent.WaitAsync(TimeSpan.FromSeconds(10));
        await AdvanceUntilAsync(interaction, TimeSpan.FromMilliseconds(50));

        Assert.All(_calls.Of("every-kind", "intents-only"), call =>
        {
            Assert.Equal((relay.TraceId, relay.SpanId), (call.Span?.TraceId, call.Span?.ParentSpanId));
            Assert.Equal($"process {call.Consumer}", call.Span!.DisplayName);
            Assert.Equal(ActivityKind.Consumer, call.Span.Kind);
        });
        var batch = Assert.Single(_calls.BatchSpans);
        Assert.NotEqual(relay.TraceId, batch!.TraceId);
        Assert.Equal(relay.Context, Assert.Single(batch.Links).Context);
    }

    [Fact]
    public async Task Once_stopped_it_takes_no_event_and_a_retry_in_wait_ends_as_failed()
    {
        _calls.Failures["intents-only"] = new Queue<Exception>([new HttpRequestException("down (simulated)")]);
        var waiting = await _delivery.PublishAndWatchAsync(Intent(), CancellationToken.None);
        await _calls.WaitForAsync("intents-only", 1);

        _delivery.Dispose();

        Assert.IsType<HttpRequestException>(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _delivery.PublishAndWatchAsync(Intent(), CancellationToken.None));
    }

    [Fact]
    public void A_consumer_that_cannot_be_called_directly_or_whose_batching_does_not_match_is_refused_at_start()
    {
        var handling = new InProcessHandling(new Dictionary<Type, string[]>());
        DirectDelivery With(DirectConsumer consumer) =>
            new([consumer], handling, new NoAnswers(), _services.GetRequiredService<IServiceScopeFactory>(), _time, NullLogger<DirectDelivery>.Instance);

        var onlyMassTransit = Assert.Throws<ArgumentException>(() => With(new DirectConsumer(typeof(OnlyThroughMassTransit), "only-mt")));
        var notInBatches = Assert.Throws<ArgumentException>(() => With(new DirectConsumer(typeof(IntentsOnly), "intents-only", BatchSize: 10)));

        Assert.Contains("OnlyThroughMassTransit must take its events one by one, as an IEventConsumer", onlyMassTransit.Message, StringComparison.Ordinal);
        Assert.Contains("IntentsOnly must take its events in batches", notInBatches.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _delivery.Dispose();
        _services.Dispose();
    }

    private static OutboxMessage Intent() => OutboxMessage.Create(new IntentExpressed("c-1", "i-1", "boilers", null, null, null, [], RaisedAt), RaisedAt);

    /// <summary>Moves the fake clock on in steps until <paramref name="outcome"/> completes: retries and windows wait on it.</summary>
    private async Task AdvanceUntilAsync(Task outcome, TimeSpan step)
    {
        for (var i = 0; i < 2_000 && !outcome.IsCompleted; i++)
        {
            _time.Advance(step);
            await Task.WhenAny(outcome, Task.Delay(5));
        }

        await outcome.WaitAsync(TimeSpan.FromSeconds(1));
    }

    public sealed record Call(string Consumer, object Event, EventDelivery Delivery, TaskScheduler Scheduler, string? ContextSeen, DateTimeOffset At,
        Activity? Span);

    /// <summary>What the test consumers were given, and how they answer.</summary>
    public sealed class Calls(TimeProvider time)
    {
        private readonly ConcurrentQueue<Call> _calls = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();

        public ConcurrentDictionary<string, Queue<Exception>> Failures { get; } = new();

        public ConcurrentQueue<IReadOnlyList<(object Event, EventDelivery Delivery)>> Batches { get; } = new();

        public ConcurrentQueue<Activity?> BatchSpans { get; } = new();

        public static readonly AsyncLocal<string> SeenContext = new();

        public TaskCompletionSource Hold(string consumer) =>
            _holds.GetOrAdd(consumer, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public IReadOnlyList<Call> Of(params string[] consumers) => [.. _calls.Where(c => consumers.Contains(c.Consumer))];

        public Task WaitForAsync(string consumer, int count) =>
            Poll.UntilAsync(() => Task.FromResult(Of(consumer).Count), n => n >= count, TimeSpan.FromSeconds(5), $"{consumer} being called {count} times");

        public async Task ConsumeAsync(string consumer, object integrationEvent, EventDelivery delivery)
        {
            _calls.Enqueue(new Call(consumer, integrationEvent, delivery, TaskScheduler.Current, SeenContext.Value, time.GetUtcNow(), Activity.Current));
            if (_holds.TryGetValue(consumer, out var hold))
            {
                await hold.Task;
            }

            if (Failures.TryGetValue(consumer, out var failures))
            {
                lock (failures)
                {
                    if (failures.TryDequeue(out var failure))
                    {
                        throw failure;
                    }
                }
            }
        }
    }

    private sealed class EveryKind(Calls calls) : IConsumer<IntentExpressed>, IConsumer<InteractionRecorded>, IEventConsumer
    {
        public Task Consume(ConsumeContext<IntentExpressed> context) => throw new InvalidOperationException("Not through MassTransit.");

        public Task Consume(ConsumeContext<InteractionRecorded> context) => throw new InvalidOperationException("Not through MassTransit.");

        public Task ConsumeAsync(object integrationEvent, EventDelivery delivery) => calls.ConsumeAsync("every-kind", integrationEvent, delivery);
    }

    private sealed class IntentsOnly(Calls calls) : IConsumer<IntentExpressed>, IEventConsumer
    {
        public Task Consume(ConsumeContext<IntentExpressed> context) => throw new InvalidOperationException("Not through MassTransit.");

        public Task ConsumeAsync(object integrationEvent, EventDelivery delivery) => calls.ConsumeAsync("intents-only", integrationEvent, delivery);
    }

    private sealed class InBatches(Calls calls) : IConsumer<Batch<InteractionRecorded>>, IEventBatchConsumer
    {
        /// <summary>A batch holding an interaction on this topic is refused.</summary>
        public const string RefusedTopic = "Refused";

        public Task Consume(ConsumeContext<Batch<InteractionRecorded>> context) => throw new InvalidOperationException("Not through MassTransit.");

        public Task ConsumeAsync(IReadOnlyList<(object Event, EventDelivery Delivery)> batch, CancellationToken cancellationToken)
        {
            calls.Batches.Enqueue(batch);
            calls.BatchSpans.Enqueue(Activity.Current);
            return batch.Any(e => ((InteractionRecorded)e.Event).Topic == RefusedTopic)
                ? Task.FromException(new RelationshipValidationException("topic", "This topic is refused (simulated)."))
                : Task.CompletedTask;
        }
    }

    private sealed class OnlyThroughMassTransit : IConsumer<IntentExpressed>
    {
        public Task Consume(ConsumeContext<IntentExpressed> context) => Task.CompletedTask;
    }

    /// <summary>No consumer here answers with a message of its own.</summary>
    private sealed class NoAnswers : IEventAnswers
    {
        public Task PublishAsync<T>(T answer, Guid messageId, CancellationToken cancellationToken) where T : class => throw new NotSupportedException();
    }
}
