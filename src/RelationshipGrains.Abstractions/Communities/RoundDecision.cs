namespace RelationshipGrains.Communities;

/// <summary>One idea's fate in a round, with the reason.</summary>
[GenerateSerializer, Immutable, Alias("rg.RoundDecision")]
public sealed record RoundDecision(
    [property: Id(0)] string IdeaId,
    [property: Id(1)] Ideas.IdeaStatus From,
    [property: Id(2)] Ideas.IdeaStatus To,
    [property: Id(3)] string Reason);
