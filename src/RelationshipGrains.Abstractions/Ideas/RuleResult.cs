namespace RelationshipGrains.Ideas;

/// <summary>Whether an idea passes one rule, and why.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Passed">Whether the idea passes it.</param>
/// <param name="Reason">Why, with the figures (for example <c>unit-cost is 35, the maximum is 40</c>).</param>
[GenerateSerializer, Immutable, Alias("rg.RuleResult")]
public sealed record RuleResult([property: Id(0)] string Rule, [property: Id(1)] bool Passed, [property: Id(2)] string Reason);
