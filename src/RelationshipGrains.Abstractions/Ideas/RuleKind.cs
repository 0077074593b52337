namespace RelationshipGrains.Ideas;

/// <summary>What a community rule demands of an idea attribute.</summary>
[GenerateSerializer, Alias("rg.RuleKind")]
public enum RuleKind
{
    /// <summary>A numeric attribute at most <see cref="IdeaRule.Number"/>.</summary>
    Max,
    /// <summary>A numeric attribute at least <see cref="IdeaRule.Number"/>.</summary>
    Min,
    /// <summary>A text attribute that includes <see cref="IdeaRule.Text"/>.</summary>
    Required,
    /// <summary>A text attribute that does not include <see cref="IdeaRule.Text"/>.</summary>
    Forbidden,
}
