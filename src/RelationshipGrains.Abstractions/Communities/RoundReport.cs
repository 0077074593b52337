namespace RelationshipGrains.Communities;

/// <summary>What one selection round decided.</summary>
/// <param name="Round">The round's number, from 1.</param>
/// <param name="At">When it ran.</param>
/// <param name="Decisions">What it decided, one entry per idea moved; empty when nothing moved.</param>
[GenerateSerializer, Immutable, Alias("rg.RoundReport")]
public sealed record RoundReport(
    [property: Id(0)] long Round,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] IReadOnlyList<RoundDecision> Decisions);
