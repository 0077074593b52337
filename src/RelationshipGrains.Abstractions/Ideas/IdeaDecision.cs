namespace RelationshipGrains.Ideas;

/// <summary>A status change with its reason (a selection round's, or a person's).</summary>
[GenerateSerializer, Immutable, Alias("rg.IdeaDecision")]
public sealed record IdeaDecision(
    [property: Id(0)] IdeaStatus From,
    [property: Id(1)] IdeaStatus To,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] long? Round = null);
