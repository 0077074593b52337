using RelationshipGrains.Errors;

namespace RelationshipGrains.Communities;

/// <summary>How a community's idea ecology runs.</summary>
/// <param name="ExpertWeight">What an expert's vote counts for, 1-100 (a member's counts 1); default 3.</param>
/// <param name="HalfLifeDays">Days over which an idea's fitness halves with age, 0.1-3650; default 30.</param>
/// <param name="RoundPeriodHours">Hours between selection rounds, 1-8760; default 168 (a week).</param>
/// <param name="ShortlistPerRound">Most proposed ideas a round shortlists, 0-100; default 5.</param>
/// <param name="SelectPerRound">Most shortlisted ideas a round selects, 0-100; default 1.</param>
/// <param name="CullFraction">The bottom fraction of open ideas by fitness a round culls, 0-0.9; default 0.2.</param>
/// <param name="MinAgeDaysToCull">Days an idea is safe from culling after it is proposed, 0-3650; default 14.</param>
/// <param name="EvidenceWeight">What each customer who asked for an idea adds to its fitness, 0-100; default 1.</param>
[GenerateSerializer, Immutable, Alias("rg.CommunitySettings")]
public sealed record CommunitySettings(
    [property: Id(0)] double ExpertWeight = 3,
    [property: Id(1)] double HalfLifeDays = 30,
    [property: Id(2)] double RoundPeriodHours = 168,
    [property: Id(3)] int ShortlistPerRound = 5,
    [property: Id(4)] int SelectPerRound = 1,
    [property: Id(5)] double CullFraction = 0.2,
    [property: Id(6)] double MinAgeDaysToCull = 14,
    [property: Id(7)] double EvidenceWeight = 1)
{
    /// <summary>Checks every setting.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A setting is out of its range; the field is named as <c>settings.{name}</c>.
    /// </exception>
    public void Validate()
    {
        Require(ExpertWeight is >= 1 and <= 100, "expertWeight", "expertWeight must be between 1 and 100.");
        Require(HalfLifeDays is >= 0.1 and <= 3_650, "halfLifeDays", "halfLifeDays must be between 0.1 and 3650.");
        Require(RoundPeriodHours is >= 1 and <= 8_760, "roundPeriodHours", "roundPeriodHours must be between 1 and 8760.");
        Require(ShortlistPerRound is >= 0 and <= 100, "shortlistPerRound", "shortlistPerRound must be between 0 and 100.");
        Require(SelectPerRound is >= 0 and <= 100, "selectPerRound", "selectPerRound must be between 0 and 100.");
        Require(CullFraction is >= 0 and <= 0.9, "cullFraction", "cullFraction must be between 0 and 0.9.");
        Require(EvidenceWeight is >= 0 and <= 100, "evidenceWeight", "evidenceWeight must be between 0 and 100.");
        Require(MinAgeDaysToCull is >= 0 and <= 3_650, "minAgeDaysToCull", "minAgeDaysToCull must be between 0 and 3650.");
    }

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new RelationshipValidationException($"settings.{field}", message);
        }
    }
}
