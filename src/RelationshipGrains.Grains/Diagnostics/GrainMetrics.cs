using System.Diagnostics.Metrics;

namespace RelationshipGrains.Grains.Diagnostics;

/// <summary>
/// Our own meter, next to Orleans' and ASP.NET Core's: what operators watch to see the relationships themselves move.
/// One per silo, from the host's meter factory, so OpenTelemetry exports it with the silo's other metrics.
/// </summary>
public sealed class GrainMetrics
{
    public const string MeterName = "RelationshipGrains";

    public GrainMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        InteractionsRecorded = meter.CreateCounter<long>("relationshipgrains.interactions.recorded", "{interaction}",
            "Interactions recorded on customer timelines (a retried request counts once).");
        LiveSubscribers = meter.CreateUpDownCounter<long>("relationshipgrains.live.subscribers", "{subscriber}",
            "Live feeds (timelines and communities) open on this silo.");
        OutboxPending = meter.CreateUpDownCounter<long>("relationshipgrains.outbox.pending", "{event}",
            "Integration events written but not yet accepted by the message broker, in grains active on this silo.");
        SelectionRounds = meter.CreateCounter<long>("relationshipgrains.selection.rounds", "{round}",
            "Idea selection rounds completed by communities.");
    }

    public Counter<long> InteractionsRecorded { get; }

    public UpDownCounter<long> LiveSubscribers { get; }

    public UpDownCounter<long> OutboxPending { get; }

    public Counter<long> SelectionRounds { get; }
}
