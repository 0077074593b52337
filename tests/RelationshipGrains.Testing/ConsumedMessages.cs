using System.Collections.Concurrent;
using MassTransit;

namespace RelationshipGrains.Testing;

/// <summary>
/// Watches the silo's bus for messages that consumers have finished with (applied or failed for good), so a test can
/// wait for exactly that instead of a timeout. The harness's own waits end at its inactivity timeout, which a fixture
/// shared by many tests outlives.
/// </summary>
public sealed class ConsumedMessages : IConsumeObserver
{
    private readonly ConcurrentQueue<(object Message, Guid? MessageId, Exception? Fault)> _seen = new();
    private readonly Changes _changes = new();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Record(context, null);

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Record(context, exception);

    /// <summary>The matching messages consumers have finished with, once per consumer and delivery.</summary>
    public IReadOnlyList<T> Messages<T>(Func<T, bool> match) => [.. _seen.Select(s => s.Message).OfType<T>().Where(match)];

    public int Count<T>(Func<T, bool> match) => _seen.Count(s => s.Message is T m && match(m));

    /// <summary>How many times consumers finished with the message of this id (each consumer of it counts once per delivery).</summary>
    public int CountId(Guid? messageId) => _seen.Count(s => s.MessageId == messageId);

    /// <summary>The failures consumers reported for the message of this id.</summary>
    public IReadOnlyList<Exception> FaultsOf(Guid? messageId) => [.. _seen.Where(s => s.MessageId == messageId && s.Fault is not null).Select(s => s.Fault!)];

    public IReadOnlyList<Exception> Faults<T>(Func<T, bool> match) =>
        [.. _seen.Where(s => s.Fault is not null && s.Message is T m && match(m)).Select(s => s.Fault!)];

    /// <summary>Waits (30 s unless <paramref name="within"/> says) until consumers have finished with <paramref name="count"/> matching messages.</summary>
    public async Task<int> WaitForAsync<T>(Func<T, bool> match, int count, TimeSpan? within = null) =>
        (await _changes.WaitForAsync(() => _seen.Where(s => s.Message is T m && match(m)).ToList(), count,
            within ?? TimeSpan.FromSeconds(30), $"consumed {typeof(T).Name}")).Count;

    private Task Record<T>(ConsumeContext<T> context, Exception? fault) where T : class
    {
        _seen.Enqueue((context.Message, context.MessageId, fault));
        _changes.Pulse();
        return Task.CompletedTask;
    }
}
