using RelationshipGrains.Communities;
using RelationshipGrains.Ideas;
using RelationshipGrains.Errors;

namespace RelationshipGrains.Tests.Ideas;

public sealed class Fitness_rules_and_transitions
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly CommunitySettings Settings = new(ExpertWeight: 3, HalfLifeDays: 10);

    private static IdeaView Idea(IdeaTally tally, double ageDays = 0, int forks = 0, IdeaAttributes? attributes = null) => new(
        "i", "c", "p", "Title", null, attributes ?? IdeaAttributes.None, IdeaStatus.Proposed, Now.AddDays(-ageDays), [],
        [.. Enumerable.Range(0, forks).Select(i => $"f{i}")], null, [], tally, []);

    private static IdeaTally Votes(int supporters, int experts = 0, int opposers = 0, int comments = 0) =>
        new(supporters, experts, opposers, 0, comments, 0);

    private static double Score(IdeaView idea, params RuleResult[] rules) => Fitness.Of(idea, rules, Settings, Now).Score;

    [Fact]
    public void More_supporters_mean_more_fitness_and_an_experts_support_counts_by_the_expert_weight()
    {
        Assert.True(Score(Idea(Votes(10))) > Score(Idea(Votes(5))));
        Assert.Equal(Score(Idea(Votes(5, experts: 1))), Score(Idea(Votes(7))), 6);
    }

    [Fact]
    public void Opposition_subtracts_but_fitness_never_goes_below_zero()
    {
        Assert.True(Score(Idea(Votes(10, opposers: 4))) < Score(Idea(Votes(10))));
        Assert.Equal(0, Score(Idea(Votes(1, opposers: 9))));
    }

    [Fact]
    public void Fitness_halves_every_half_life()
    {
        var fresh = Score(Idea(Votes(8)));
        var old = Score(Idea(Votes(8), ageDays: 10));

        Assert.Equal(fresh / 2, old, 4);
        Assert.Equal(0.5, Fitness.Of(Idea(Votes(8), ageDays: 10), [], Settings, Now).Decay, 6);
    }

    [Fact]
    public void Engagement_from_comments_and_forks_adds_fitness()
    {
        Assert.True(Score(Idea(Votes(3, comments: 5), forks: 2)) > Score(Idea(Votes(3))));
        Assert.Equal(Math.Round(Math.Log(1 + 5 + 4), 6), Fitness.Of(Idea(Votes(3, comments: 5), forks: 2), [], Settings, Now).Engagement);
    }

    [Fact]
    public void A_failing_rule_costs_fitness_in_proportion_to_the_rules_failed()
    {
        var idea = Idea(Votes(10));
        var all = Score(idea, new RuleResult("a", true, ""), new RuleResult("b", true, ""));
        var half = Score(idea, new RuleResult("a", true, ""), new RuleResult("b", false, ""));

        Assert.Equal(all * 0.75, half, 6);
    }

    private static readonly IdeaAttributes Chair = new(
        new Dictionary<string, double> { ["unit-cost"] = 45 },
        new Dictionary<string, IReadOnlyList<string>> { ["materials"] = ["oak", "steel"], ["certifications"] = ["fsc"] });

    [Theory]
    [InlineData(RuleKind.Max, "unit-cost", 50.0, null, true, "unit-cost is 45, the maximum is 50")]
    [InlineData(RuleKind.Max, "unit-cost", 40.0, null, false, "unit-cost is 45, the maximum is 40")]
    [InlineData(RuleKind.Min, "unit-cost", 50.0, null, false, "unit-cost is 45, the minimum is 50")]
    [InlineData(RuleKind.Max, "weight", 10.0, null, false, "weight is not stated")]
    [InlineData(RuleKind.Required, "certifications", null, "fsc", true, "certifications includes fsc")]
    [InlineData(RuleKind.Required, "certifications", null, "ce", false, "certifications must include ce")]
    [InlineData(RuleKind.Forbidden, "materials", null, "pvc", true, "materials is free of pvc")]
    [InlineData(RuleKind.Forbidden, "materials", null, "steel", false, "materials includes steel, which is forbidden")]
    public void Rules_are_data_and_say_why_they_pass_or_fail(RuleKind kind, string attribute, double? number, string? text, bool passes, string reason)
    {
        var result = Assert.Single(IdeaRules.Evaluate([new IdeaRule("r", attribute, kind, number, text)], Chair));

        Assert.Equal((passes, reason), (result.Passed, result.Reason));
    }

    [Fact]
    public void A_text_attribute_sent_as_null_is_refused_and_one_stored_so_fails_its_rules_without_throwing()
    {
        var sentAsNull = new IdeaAttributes(null, new Dictionary<string, IReadOnlyList<string>> { ["materials"] = null! });

        var refused = Assert.Throws<RelationshipValidationException>(sentAsNull.Validate);
        var results = IdeaRules.Evaluate(
            [new IdeaRule("needs", "materials", RuleKind.Required, null, "oak"), new IdeaRule("no-pvc", "materials", RuleKind.Forbidden, null, "pvc")], sentAsNull);

        Assert.Equal("attributes.texts.materials", refused.Field);
        Assert.Equal([false, true], results.Select(r => r.Passed));
    }

    [Theory]
    [InlineData(IdeaStatus.Proposed, IdeaStatus.Shortlisted, true)]
    [InlineData(IdeaStatus.Shortlisted, IdeaStatus.Selected, true)]
    [InlineData(IdeaStatus.Selected, IdeaStatus.InDesign, true)]
    [InlineData(IdeaStatus.InDesign, IdeaStatus.Delivered, true)]
    [InlineData(IdeaStatus.Proposed, IdeaStatus.Culled, true)]
    [InlineData(IdeaStatus.Shortlisted, IdeaStatus.Merged, true)]
    [InlineData(IdeaStatus.Proposed, IdeaStatus.Selected, false)]
    [InlineData(IdeaStatus.Selected, IdeaStatus.Culled, false)]
    [InlineData(IdeaStatus.Culled, IdeaStatus.Proposed, false)]
    [InlineData(IdeaStatus.Delivered, IdeaStatus.InDesign, false)]
    [InlineData(IdeaStatus.Merged, IdeaStatus.Shortlisted, false)]
    public void Only_the_lifecycles_moves_are_allowed(IdeaStatus from, IdeaStatus to, bool allowed) =>
        Assert.Equal(allowed, IdeaTransitions.Allowed(from, to));
}
