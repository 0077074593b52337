namespace RelationshipGrains.Communities;

/// <summary>What one selection round decided.</summary>
[GenerateSerializer, Immutable, Alias("rg.RoundReport")]
public sealed record RoundReport(
    [property: Id(0)] long Round,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] IReadOnlyList<RoundDecision> Decisions);
