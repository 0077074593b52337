namespace RelationshipGrains.Ideas;

/// <summary>A status change with its reason (a selection round's, or a person's).</summary>
/// <param name="From">The status before.</param>
/// <param name="To">The status after.</param>
/// <param name="Reason">Why: a round's figures, a merge, or a person's words followed by their id.</param>
/// <param name="At">When.</param>
/// <param name="Round">The selection round that decided it, or null for a person's decision or a merge.</param>
[GenerateSerializer, Immutable, Alias("rg.IdeaDecision")]
public sealed record IdeaDecision(
    [property: Id(0)] IdeaStatus From,
    [property: Id(1)] IdeaStatus To,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] long? Round = null);
