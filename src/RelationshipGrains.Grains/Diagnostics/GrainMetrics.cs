using System.Diagnostics.Metrics;

namespace RelationshipGrains.Grains.Diagnostics;

/// <summary>
/// Our own meter, next to Orleans' and ASP.NET Core's: what operators watch to see the relationships themselves move.
/// One meter per process, as Orleans does: with a meter per host (from each host's meter factory), a process holding
/// several hosts (the tests do) offered OpenTelemetry the same instruments twice, and it sometimes kept the other
/// host's and dropped this one's.
/// </summary>
public sealed class GrainMetrics
{
    public const string MeterName = "RelationshipGrains";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Interactions = Meter.CreateCounter<long>("relationshipgrains.interactions.recorded",
        "{interaction}", "Interactions recorded on customer timelines (a retried request counts once).");

    private static readonly UpDownCounter<long> Subscribers = Meter.CreateUpDownCounter<long>("relationshipgrains.live.subscribers",
        "{subscriber}", "Live feeds (timelines and communities) open in this process.");

    private static readonly UpDownCounter<long> Pending = Meter.CreateUpDownCounter<long>("relationshipgrains.outbox.pending",
        "{event}", "Integration events written but not yet accepted by the message broker, in grains active in this process.");

    private static readonly Counter<long> Rounds = Meter.CreateCounter<long>("relationshipgrains.selection.rounds",
        "{round}", "Idea selection rounds completed by communities.");

    public Counter<long> InteractionsRecorded => Interactions;

    public UpDownCounter<long> LiveSubscribers => Subscribers;

    public UpDownCounter<long> OutboxPending => Pending;

    public Counter<long> SelectionRounds => Rounds;
}
