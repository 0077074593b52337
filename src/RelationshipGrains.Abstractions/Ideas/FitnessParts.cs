namespace RelationshipGrains.Ideas;

/// <summary>An idea's fitness and every part it is made of, so anyone can see why an idea ranks where it does.</summary>
/// <param name="Supporters">Members voting +1.</param>
/// <param name="ExpertSupporters">Of those, how many were experts when they voted.</param>
/// <param name="NetVotes">Supporters minus opposers, unweighted.</param>
/// <param name="WeightedSupport">Supporters with each expert counting the community's expert weight.</param>
/// <param name="Engagement">ln(1 + comments + 2 * forks).</param>
/// <param name="Decay">The age factor, 1 when new, halving every half-life.</param>
/// <param name="RulesPassed">How many of the community's rules the idea passes.</param>
/// <param name="Rules">How many rules the community has.</param>
/// <param name="Score">The fitness ideas are ranked by, 0 or more.</param>
/// <param name="Evidence">The evidence weight times the distinct askers (customers, or social authors) of the idea.</param>
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
