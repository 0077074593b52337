namespace RelationshipGrains.Ideas;

/// <summary>Whether an idea passes one rule, and why.</summary>
[GenerateSerializer, Immutable, Alias("rg.RuleResult")]
public sealed record RuleResult([property: Id(0)] string Rule, [property: Id(1)] bool Passed, [property: Id(2)] string Reason);
