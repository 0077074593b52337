using System.Collections.Concurrent;
using MassTransit;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.IntegrationTests.Infrastructure;

/// <summary>
/// The back office as the tests see it: a bus of its own on the real broker, with a durable queue (it outlives a
/// broker stop) bound to <see cref="InteractionRecorded"/>, recording every message id that arrives.
/// </summary>
public sealed class InteractionObserver : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly Changes _changes = new();

    public ConcurrentDictionary<Guid, InteractionRecorded> Received { get; } = new();

    public int Deliveries => _deliveries;

    private int _deliveries;

    private InteractionObserver()
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(RabbitMqFixture.Host, RabbitMqFixture.Port, "/", h =>
            {
                h.Username("guest");
                h.Password("guest");
            });
            cfg.ReceiveEndpoint($"rg-test-observer-{Guid.NewGuid():N}", e => e.Handler<InteractionRecorded>(context =>
            {
                Interlocked.Increment(ref _deliveries);
                Received.TryAdd(context.MessageId ?? throw new InvalidOperationException("An event arrived without a message id."), context.Message);
                _changes.Pulse();
                return Task.CompletedTask;
            }));
        });
    }

    public static async Task<InteractionObserver> StartAsync()
    {
        var observer = new InteractionObserver();
        await observer._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return observer;
    }

    /// <summary>Waits until <paramref name="count"/> distinct message ids matching have arrived, within <paramref name="within"/>.</summary>
    public Task<IReadOnlyList<KeyValuePair<Guid, InteractionRecorded>>> WaitForAsync(Func<InteractionRecorded, bool> match, int count, TimeSpan within) =>
        _changes.WaitForAsync(() => Received.Where(r => match(r.Value)).ToList(), count, within, "InteractionRecorded message ids");

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
