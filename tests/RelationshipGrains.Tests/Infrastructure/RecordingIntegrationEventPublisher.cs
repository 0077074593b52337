using System.Collections.Concurrent;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>
/// Keeps every published integration event so tests can see what the back office would receive, and can play a
/// broker that refuses some messages, to exercise the outbox's retries.
/// </summary>
public sealed class RecordingIntegrationEventPublisher : IIntegrationEventPublisher
{
    private readonly ConcurrentQueue<OutboxMessage> _published = new();
    private readonly Changes _changes = new();

    /// <summary>Messages matching this are refused, as an unreachable broker would.</summary>
    public Func<OutboxMessage, bool> Refuse { get; set; } = _ => false;

    /// <summary>Messages matching this can never be published (as if their type were unknown to this version).</summary>
    public Func<OutboxMessage, bool> Unpublishable { get; set; } = _ => false;

    /// <summary>
    /// Waits for published events while moving the fake clock on, so retry timers and reminders come due:
    /// bounded by <paramref name="steps"/> moves of <paramref name="step"/>.
    /// </summary>
    public async Task<IReadOnlyList<T>> WaitAdvancingAsync<T>(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, TimeSpan step, Func<T, bool> match, int count = 1, int steps = 30)
    {
        for (var i = 1; ; i++)
        {
            time.Advance(step);
            try
            {
                return await WaitForAsync(match, count, TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException) when (i < steps)
            {
            }
        }
    }

    /// <summary>
    /// What an in-process consumer gave up on a published message with after its last retry (null: handled), as the
    /// in-process bus reports it through <see cref="HandledAsync"/>.
    /// </summary>
    public Func<OutboxMessage, Exception?> ConsumerFails { get; set; } = _ => null;

    private readonly ConcurrentDictionary<Guid, OutboxMessage> _byId = new();

    /// <summary>
    /// For a message matching this, the consumers finish only when the returned task completes (with the failure of one
    /// that gave up, or null), as they do on the in-process bus; null for the others, which <see cref="ConsumerFails"/> settles.
    /// </summary>
    public Func<OutboxMessage, Task<Exception?>?> ConsumersFinish { get; set; } = _ => null;

    public Task<Exception?> HandledAsync(Guid messageId) => _byId.TryGetValue(messageId, out var message)
        ? ConsumersFinish(message) ?? Task.FromResult(ConsumerFails(message))
        : Task.FromResult<Exception?>(null);

    /// <summary>Publishing a message matching this waits until the task completes, as a slow broker would.</summary>
    public (Func<OutboxMessage, bool> Match, Task Until)? Slow { get; set; }

    private int _slowGaveUp;

    /// <summary>How many publishes <see cref="Slow"/> held gave up waiting (their publish timeout ran out).</summary>
    public int SlowGaveUp => Volatile.Read(ref _slowGaveUp);

    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (Slow is { } slow && slow.Match(message))
        {
            try
            {
                await slow.Until.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _slowGaveUp);
                throw;
            }
        }

        if (Unpublishable(message))
        {
            throw new UnpublishableEventException($"{message.EventType} {message.MessageId} cannot be read (simulated).");
        }

        if (Refuse(message))
        {
            throw new InvalidOperationException("The message broker is out of reach (simulated).");
        }

        _byId[message.MessageId] = message;
        _published.Enqueue(message);
        _changes.Pulse();
    }

    public IReadOnlyList<OutboxMessage> Messages => [.. _published];

    public IEnumerable<T> OfType<T>() => _published
        .Where(m => m.EventType == typeof(T).Name)
        .Select(m => (T)IntegrationEvents.Deserialize(m.EventType, m.Payload));

    /// <summary>Waits (30 s unless <paramref name="within"/> says) until at least <paramref name="count"/> published events of the type match.</summary>
    public Task<IReadOnlyList<T>> WaitForAsync<T>(Func<T, bool> match, int count = 1, TimeSpan? within = null) =>
        _changes.WaitForAsync(() => OfType<T>().Where(match).ToList(), count, within ?? TimeSpan.FromSeconds(30), $"{typeof(T).Name} event(s)");
}
