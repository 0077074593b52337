using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RelationshipGrains.Grains.Diagnostics;

namespace RelationshipGrains.Grains.Integration;

/// <summary>
/// Gives each grain its outbox relay and keeps what the relays of one silo share: whether the broker answered the
/// last publish. While it does not, grains leave publishing to their retry timers instead of making each request
/// wait for the broker's timeout.
/// </summary>
public sealed class Outboxes(IIntegrationEventPublisher publisher, IOptions<OutboxOptions> options, ILoggerFactory loggers, GrainMetrics metrics)
{
    private volatile bool _brokerReachable = true;

    internal IIntegrationEventPublisher Publisher => publisher;

    internal OutboxOptions Options => options.Value;

    // Real time, as the broker's: a test's fake clock must not stall or hurry a publish.
    internal PublishDeadlines PublishDeadlines { get; } = new(options.Value.PublishTimeout, TimeProvider.System);

    internal ILogger Logger { get; } = loggers.CreateLogger<GrainOutbox>();

    internal GrainMetrics Metrics => metrics;

    public bool BrokerReachable
    {
        get => _brokerReachable;
        internal set => _brokerReachable = value;
    }

    public GrainOutbox For(Grain grain, Func<IList<OutboxMessage>> pending) => new(grain, pending, this);
}
