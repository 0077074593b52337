namespace RelationshipGrains.Ideas;

/// <summary>An idea's fitness and every part it is made of, so anyone can see why an idea ranks where it does.</summary>
[GenerateSerializer, Immutable, Alias("rg.FitnessParts")]
public sealed record FitnessParts(
    [property: Id(0)] int Supporters,
    [property: Id(1)] int ExpertSupporters,
    [property: Id(2)] int NetVotes,
    [property: Id(3)] double WeightedSupport,
    [property: Id(4)] double Engagement,
    [property: Id(5)] double Decay,
    [property: Id(6)] int RulesPassed,
    [property: Id(7)] int Rules,
    [property: Id(8)] double Score,
    [property: Id(9)] double Evidence = 0);
