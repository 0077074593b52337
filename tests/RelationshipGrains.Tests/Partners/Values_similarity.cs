using RelationshipGrains.Grains.Partners;

namespace RelationshipGrains.Tests.Partners;

public sealed class Values_similarity
{
    private static Dictionary<string, double> V(params (string, double)[] weights) => weights.ToDictionary(w => w.Item1, w => w.Item2);

    [Fact]
    public void Same_priorities_at_another_scale_match_fully() =>
        Assert.Equal(1, ValuesSimilarity.Cosine(V(("green", 0.8), ("price", 0.4)), V(("green", 0.4), ("price", 0.2))), 6);

    [Fact]
    public void Nothing_in_common_matches_not_at_all() =>
        Assert.Equal(0, ValuesSimilarity.Cosine(V(("green", 1)), V(("price", 1))));

    [Fact]
    public void An_empty_profile_matches_nothing() =>
        Assert.Equal(0, ValuesSimilarity.Cosine(V(), V(("price", 1))));

    [Fact]
    public void Closer_priorities_score_higher() =>
        Assert.True(ValuesSimilarity.Cosine(V(("green", 1), ("price", 0.2)), V(("green", 0.9), ("price", 0.3)))
            > ValuesSimilarity.Cosine(V(("green", 1), ("price", 0.2)), V(("green", 0.2), ("price", 1))));
}
