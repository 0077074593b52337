using RelationshipGrains.Errors;

namespace RelationshipGrains.Communities;

/// <summary>How a community's idea ecology runs.</summary>
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
