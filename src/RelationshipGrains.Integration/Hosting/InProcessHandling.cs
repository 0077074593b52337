using System.Collections.Concurrent;
using MassTransit;
using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Integration.Hosting;

/// <summary>
/// Tells a grain's outbox when the in-process bus's consumers have handled an event. That bus keeps what it has taken in
/// memory only, so an outbox that forgot an event once the bus took it lost it to a kill -9 while the webhook or BI
/// consumer still had it (a review run acknowledged 175 interactions and the BI report counted 169 after the restart).
/// The outbox keeps each event until every endpoint of ours that consumes its type has finished with it, handled or
/// failed for good; a broker that confirms only what it holds durably needs none of this.
/// </summary>
public sealed class InProcessHandling
{
    private readonly IReadOnlyDictionary<Type, string[]> _endpointsByType;
    private readonly ConcurrentDictionary<Guid, Expected> _expected = new();

    /// <param name="endpointsByType">For each event type, the names of our receive endpoints that consume it.</param>
    public InProcessHandling(IReadOnlyDictionary<Type, string[]> endpointsByType) => _endpointsByType = endpointsByType;

    /// <summary>Our endpoints that consume each outbound event type, named as <paramref name="names"/> names them.</summary>
    public static InProcessHandling For(IEnumerable<Type> consumerTypes, IEnumerable<Type> eventTypes, IEndpointNameFormatter names)
    {
        var consumers = consumerTypes.Select(c => (Name: ConsumerEndpoints.Name(names, c), Consumes: ConsumerEndpoints.Consumed(c).Select(m => m.Type).ToArray())).ToArray();
        return new InProcessHandling(eventTypes.ToDictionary(
            t => t,
            t => consumers.Where(c => c.Consumes.Any(m => m.IsAssignableFrom(t))).Select(c => c.Name).Distinct().ToArray()));
    }

    /// <summary>
    /// Publishes through <paramref name="publish"/>, noting first which endpoints <see cref="HandledAsync"/> waits for,
    /// and forgetting them if the publish fails, since nothing will then be handled. A repeat of an id still awaited (a
    /// failed write read the outbox back, a sender re-sent) waits with the first.
    /// </summary>
    /// <returns>
    /// Once published, the outcome: it completes when every endpoint has finished with the message, with the first
    /// endpoint's failure after its last retry, or null when all handled it (at once when none consumes it).
    /// </returns>
    public async Task<Task<Exception?>> PublishAsync(Guid messageId, Type eventType, Func<Task> publish)
    {
        if (!_endpointsByType.TryGetValue(eventType, out var endpoints) || endpoints.Length == 0)
        {
            await publish();
            return Task.FromResult<Exception?>(null);
        }

        // Found or added, and counted, in one step: apart, the first copy could finish or fail in between and leave this
        // one waiting on an entry nobody completes.
        Expected awaited;
        lock (_expected)
        {
            awaited = _expected.GetOrAdd(messageId, _ => new Expected(endpoints));
            awaited.Publishers++;
        }

        try
        {
            await publish();
        }
        catch
        {
            lock (_expected)
            {
                // Forgotten only when no other copy is on its way or published: one that is waits on this entry.
                if (--awaited.Publishers == 0)
                {
                    _expected.TryRemove(KeyValuePair.Create(messageId, awaited));
                }
            }

            throw;
        }

        return awaited.Task;
    }

    /// <summary>The names of the endpoints an event of <paramref name="eventType"/> waits for.</summary>
    public IReadOnlyList<string> EndpointsFor(Type eventType) => _endpointsByType.TryGetValue(eventType, out var endpoints) ? endpoints : [];

    /// <summary>
    /// Completes once every endpoint expected for the message has finished with it (at once when none was), with the
    /// first endpoint's failure after its last retry, or null.
    /// </summary>
    public Task<Exception?> HandledAsync(Guid messageId) => _expected.TryGetValue(messageId, out var expected) ? expected.Task : AllHandled;

    private static readonly Task<Exception?> AllHandled = Task.FromResult<Exception?>(null);

    /// <summary>An endpoint finished with a message, successfully or (with <paramref name="failure"/>) after its last retry.</summary>
    public void Handled(Guid messageId, string endpoint, Exception? failure = null)
    {
        Expected? finished = null;
        lock (_expected)
        {
            if (_expected.TryGetValue(messageId, out var expected) && expected.Done(endpoint, failure))
            {
                _expected.TryRemove(messageId, out _);
                finished = expected;
            }
        }

        finished?.Complete();
    }

    private sealed class Expected(string[] endpoints)
    {
        private readonly HashSet<string> _waiting = [.. endpoints];
        private readonly TaskCompletionSource<Exception?> _handled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Exception? _failure;

        public Task<Exception?> Task => _handled.Task;

        /// <summary>Copies published, or being published, that wait on this entry (guarded by the map's lock).</summary>
        public int Publishers { get; set; }

        /// <summary>True when this was the last endpoint waited for (called under the map's lock, like every change here).</summary>
        public bool Done(string endpoint, Exception? failure)
        {
            if (!_waiting.Remove(endpoint))
            {
                return false;
            }

            // A failure that may pass outranks a refusal: the refusal's endpoint gets the event again, as a duplicate,
            // and the other's consumer (the ERP's, say) gets it at all.
            if (failure is not null && (_failure is null || (ConsumerRefusals.Is(_failure) && !ConsumerRefusals.Is(failure))))
            {
                _failure = failure;
            }

            return _waiting.Count == 0;
        }

        public void Complete() => _handled.TrySetResult(_failure);
    }
}
