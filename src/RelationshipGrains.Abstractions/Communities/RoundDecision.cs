namespace RelationshipGrains.Communities;

/// <summary>One idea's fate in a round, with the reason.</summary>
/// <param name="IdeaId">The idea.</param>
/// <param name="From">Its status before the round.</param>
/// <param name="To">Its status after: shortlisted, selected or culled.</param>
/// <param name="Reason">Why, with the figures that decided it.</param>
[GenerateSerializer, Immutable, Alias("rg.RoundDecision")]
public sealed record RoundDecision(
    [property: Id(0)] string IdeaId,
    [property: Id(1)] Ideas.IdeaStatus From,
    [property: Id(2)] Ideas.IdeaStatus To,
    [property: Id(3)] string Reason);
