namespace RelationshipGrains.Api.Operations;

/// <summary>
/// A snapshot of the cluster. Message counts are totals since each silo started and <c>interactionsRecorded</c>
/// is the BI read model's count over the days it keeps, so rates come from the difference of two snapshots.
/// </summary>
public sealed record ClusterView(
    DateTimeOffset At, IReadOnlyList<SiloView> Silos, IReadOnlyList<GrainTypeCount> GrainTypes, int Activations, long InteractionsRecorded);
