using RelationshipGrains.Ideas;

namespace RelationshipGrains.Communities;

/// <summary>An idea with its fitness (and parts) and every rule's verdict.</summary>
/// <param name="Idea">The idea.</param>
/// <param name="Fitness">Its fitness now, with the parts it is made of.</param>
/// <param name="Rules">The verdict of each of the community's rules, in the rules' order.</param>
[GenerateSerializer, Immutable, Alias("rg.RankedIdea")]
public sealed record RankedIdea([property: Id(0)] IdeaView Idea, [property: Id(1)] FitnessParts Fitness, [property: Id(2)] IReadOnlyList<RuleResult> Rules)
{
    /// <summary>Whether the idea passes every rule, and so may be selected.</summary>
    public bool PassesRules => Rules.All(r => r.Passed);
}
