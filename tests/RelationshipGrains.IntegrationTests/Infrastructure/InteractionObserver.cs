using System.Collections.Concurrent;
using MassTransit;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.IntegrationTests.Infrastructure;

/// <summary>
/// The back office of one deployment as the tests see it: a bus of its own on the real broker, named with the
/// deployment's prefix, with a durable queue (it outlives a broker stop) bound to <see cref="InteractionRecorded"/>,
/// recording every message id that arrives, one at a time and in the order the queue holds them.
/// </summary>
public sealed class InteractionObserver : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly Changes _changes = new();

    public ConcurrentDictionary<Guid, InteractionRecorded> Received { get; } = new();

    public int Deliveries => _deliveries;

    private int _deliveries;

    private InteractionObserver(string deployment)
    {
        _bus = RabbitCluster.BackOfficeBus(deployment, cfg =>
        {
            cfg.ReceiveEndpoint($"{deployment}-observer-{Guid.NewGuid():N}", e =>
            {
                e.PrefetchCount = 1;
                e.ConcurrentMessageLimit = 1;
                e.Handler<InteractionRecorded>(context =>
                {
                    Interlocked.Increment(ref _deliveries);
                    Received.TryAdd(context.MessageId ?? throw new InvalidOperationException("An event arrived without a message id."), context.Message);
                    _changes.Pulse();
                    return Task.CompletedTask;
                });
            });
        });
    }

    /// <param name="deployment">The deployment's <c>Messaging:QueuePrefix</c>, as given to <see cref="RabbitCluster"/>.</param>
    public static async Task<InteractionObserver> StartAsync(string deployment)
    {
        var observer = new InteractionObserver(deployment);
        await observer._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return observer;
    }

    /// <summary>Waits until <paramref name="count"/> distinct message ids matching have arrived, within <paramref name="within"/>.</summary>
    public Task<IReadOnlyList<KeyValuePair<Guid, InteractionRecorded>>> WaitForAsync(Func<InteractionRecorded, bool> match, int count, TimeSpan within) =>
        _changes.WaitForAsync(() => Received.Where(r => match(r.Value)).ToList(), count, within, "InteractionRecorded message ids");

    /// <summary>Publishes as this deployment's back office would, on its own exchange.</summary>
    public Task PublishAsync(InteractionRecorded message) => _bus.Publish(message);

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
