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

    /// <param name="grain">The grain whose events these are.</param>
    /// <param name="pending">
    /// The grain's stored list of events, looked up on each use: a grain whose state is read anew replaces it. Static,
    /// so a grain pays for no closure of its own (64 B of every active customer).
    /// </param>
    /// <param name="build">For a grain that stores events as references: see <see cref="GrainOutbox"/>.</param>
    public GrainOutbox For(Grain grain, Func<Grain, IList<OutboxMessage>> pending, Func<Grain, OutboxMessage, OutboxMessage>? build = null) =>
        new(grain, pending, this, build);
}
