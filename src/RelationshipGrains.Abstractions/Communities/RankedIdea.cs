using RelationshipGrains.Ideas;

namespace RelationshipGrains.Communities;

/// <summary>An idea with its fitness (and parts) and every rule's verdict.</summary>
[GenerateSerializer, Immutable, Alias("rg.RankedIdea")]
public sealed record RankedIdea([property: Id(0)] IdeaView Idea, [property: Id(1)] FitnessParts Fitness, [property: Id(2)] IReadOnlyList<RuleResult> Rules)
{
    /// <summary>Whether the idea passes every rule, and so may be selected.</summary>
    public bool PassesRules => Rules.All(r => r.Passed);
}
