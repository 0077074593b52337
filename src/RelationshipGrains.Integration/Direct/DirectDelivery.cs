using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Hosting;
using RelationshipGrains.Integration.Publishing;

namespace RelationshipGrains.Integration.Direct;

/// <summary>
/// The embedded silo's delivery of our outbound events: each event goes as the object the grain raised to our own
/// consumers (webhooks, BI, ERP), with their retries and the BI batch, and the outbox keeps it until all have finished
/// with it (<see cref="InProcessHandling"/>). The in-memory bus did the same through MassTransit's publish and a receive
/// pipeline per endpoint, which serialised each event and read it back once per endpoint: about half of what an HTTP
/// write allocated and about 30% of its CPU (benchmark <c>-- http</c>). A cluster publishes on RabbitMQ instead, where
/// back-office systems read the events too.
/// </summary>
public sealed partial class DirectDelivery : IIntegrationEventPublisher, IHostedService, IDisposable
{
    /// <summary>How many events one consumer handles at once; more wait their turn, as on a bus endpoint.</summary>
    public const int ConcurrencyPerConsumer = 32;

    /// <summary>
    /// Where a consumer's span comes from ("process {consumer}"), a child of the relay's trace (of a batch, linked to
    /// each event's), as MassTransit's consume spans were of its publish.
    /// </summary>
    public const string ActivitySourceName = "RelationshipGrains.Integration";

    /// <summary>Where the consumers' counts and times come from (<see cref="DeliveryMetrics"/>).</summary>
    public const string MeterName = "RelationshipGrains.Integration";

    private static readonly ActivitySource Tracing = new(ActivitySourceName);

    private readonly IServiceScopeFactory _scopes;
    private readonly InProcessHandling _handling;
    private readonly IEventAnswers _answers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly (Type Consumes, Route Route)[] _takes;
    private readonly ConcurrentDictionary<Type, Route[]> _routes = new();

    /// <param name="consumers">Our consumers of outbound events, by the endpoint name <paramref name="handling"/> knows them by.</param>
    /// <param name="handling">Waits, for each event, until every consumer of its type has finished with it.</param>
    /// <param name="answers">Where consumers publish their answers (the ERP's order status, which comes back to the chain).</param>
    /// <param name="scopes">A scope per attempt, in which the consumer is resolved.</param>
    /// <param name="time">Times the retries and the batch's window.</param>
    /// <param name="logger">Logs retries.</param>
    public DirectDelivery(IEnumerable<DirectConsumer> consumers, InProcessHandling handling, IEventAnswers answers, IServiceScopeFactory scopes,
        TimeProvider time, ILogger<DirectDelivery> logger)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        _handling = handling;
        _answers = answers;
        _scopes = scopes;
        _time = time;
        _logger = logger;
        // Checked before any route starts: a batch route's loop runs from its creation.
        var takes = consumers.Select(c => (Consumer: c, Consumes: ConsumerEndpoints.Consumed(c.Type).ToArray())).ToArray();
        foreach (var (consumer, consumes) in takes)
        {
            var batched = consumer.BatchSize > 0;
            if (!(batched ? typeof(IEventBatchConsumer) : typeof(IEventConsumer)).IsAssignableFrom(consumer.Type)
                || consumes.Any(m => m.Batched != batched))
            {
                throw new ArgumentException(
                    $"{consumer.Type.Name} must take its events {(batched ? "in batches, as an IEventBatchConsumer" : "one by one, as an IEventConsumer")}.", nameof(consumers));
            }
        }

        var routed = new List<(Type, Route)>();
        foreach (var (consumer, consumes) in takes)
        {
            var route = Route.For(this, consumer);
            routed.AddRange(consumes.Select(m => (m.Type, route)));
        }

        _takes = [.. routed];
    }

    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken) => PublishAndWatchAsync(message, cancellationToken);

    public Task<Task<Exception?>> PublishAndWatchAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // Refused as a publish, which the outbox tries again at the next start: nothing would finish it now.
        _stopping.Token.ThrowIfCancellationRequested();
        var integrationEvent = OutboxEvents.Read(message);
        var type = integrationEvent.GetType();
        var routes = RoutesFor(type);
        if (routes.Length == 0)
        {
            return Task.FromResult(IIntegrationEventPublisher.NotWaited);
        }

        var delivery = new EventDelivery(message.MessageId, message.CreatedAt, _answers, _stopping.Token, Activity.Current?.Context ?? default);
        return _handling.PublishAsync(message.MessageId, type, () =>
        {
            foreach (var route in routes)
            {
                route.Take(integrationEvent, delivery);
            }

            return Task.CompletedTask;
        });
    }

    public Task<Exception?> HandledAsync(Guid messageId) => _handling.HandledAsync(messageId);

    /// <summary>The names of the consumers an event of <paramref name="eventType"/> goes to.</summary>
    public IReadOnlyList<string> ConsumersOf(Type eventType) => [.. RoutesFor(eventType).Select(r => r.Name)];

    /// <summary>Every consumer of the type or of one it derives from, as <see cref="InProcessHandling"/> finds the endpoints it waits for.</summary>
    private Route[] RoutesFor(Type eventType) =>
        _routes.GetOrAdd(eventType, static (type, takes) => [.. takes.Where(t => t.Consumes.IsAssignableFrom(type)).Select(t => t.Route).Distinct()], _takes);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stops the consumers before the silo stops, as the bus stopped before it: otherwise they go on calling grains of a
    /// silo that is shutting down, and retrying for 21 s. Deactivating grains keep what they then cannot hand over.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops the consumers: an event one of them had not finished ends as failed, and one still waiting for its batch is
    /// never reported; either way it stays in its outbox, which publishes it again when its grain next activates.
    /// </summary>
    public void Dispose() => _stopping.Cancel();

    /// <summary>
    /// Runs <paramref name="consume"/> in a scope of its own until it succeeds, is refused, or has failed its last
    /// attempt (<see cref="ConsumerRetries"/>).
    /// </summary>
    /// <returns>Null once it succeeded, else its last failure.</returns>
    /// <param name="route">The consumer's route, named in the log.</param>
    /// <param name="subject">What it consumes, named in the log: the event, or the batch.</param>
    /// <param name="messageId">The event's id, for the log; null for a batch.</param>
    /// <param name="consume">One attempt.</param>
    /// <param name="stopping">Ends the waits between attempts.</param>
    /// <param name="once">One attempt, without retries.</param>
    private async Task<Exception?> AttemptAsync(Route route, object subject, Guid? messageId, Func<IServiceProvider, Task> consume,
        CancellationToken stopping, bool once = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var startedAt = Stopwatch.GetTimestamp();
            try
            {
                await using (var scope = _scopes.CreateAsyncScope())
                {
                    await consume(scope.ServiceProvider);
                }

                DeliveryMetrics.Attempted(route.Name, startedAt, failure: null);
                return null;
            }
            catch (Exception e)
            {
                DeliveryMetrics.Attempted(route.Name, startedAt, e);
                if (once || ConsumerRetries.Refused(e) || attempt == ConsumerRetries.Intervals.Count || stopping.IsCancellationRequested)
                {
                    // The outbox logs how it ended, with the grain it came from.
                    return e;
                }

                var what = subject is ICollection<(object, EventDelivery)> batch ? $"a batch of {batch.Count} events" : $"{subject.GetType().Name} {messageId}";
                LogRetrying(_logger, e, route.Name, what, attempt + 1, ConsumerRetries.Intervals[attempt]);
                try
                {
                    await Task.Delay(ConsumerRetries.Intervals[attempt], _time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return e;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Consumer} consumer failed attempt {Attempt} at {What}; trying again in {Delay}.")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string consumer, string what, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The {Consumer} batch stopped taking events; they wait in their outboxes until the silo restarts.")]
    private static partial void LogBatchStopped(ILogger logger, Exception exception, string consumer);
}
