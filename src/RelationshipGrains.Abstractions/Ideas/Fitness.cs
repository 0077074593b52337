using RelationshipGrains.Communities;

namespace RelationshipGrains.Ideas;

/// <summary>
/// Fitness, deterministic from an idea's tally, its age and the community's rules and settings:
/// <code>
/// support    = supporters + (expertWeight - 1) * expert supporters     (an expert's +1 counts expertWeight)
/// opposition = opposers   + (expertWeight - 1) * expert opposers
/// engagement = ln(1 + comments + 2 * forks)
/// evidence   = evidenceWeight * askers                               (customers who asked for it, each once)
/// decay      = 2 ^ (-age in days / halfLifeDays)
/// rules      = passed / total (1 when the community has none)
/// score      = max(0, support - opposition + engagement + evidence) * decay * (0.5 + 0.5 * rules)
/// </code>
/// A failing rule halves at most; it does not zero the score, because a failing idea may be forked into one that passes.
/// </summary>
public static class Fitness
{
    /// <summary>The score and its parts at <paramref name="now"/>.</summary>
    /// <param name="idea">The idea, with its tally, forks and when it was proposed.</param>
    /// <param name="rules">The verdicts of the community's rules on the idea.</param>
    /// <param name="settings">The community's expert weight, evidence weight and half-life.</param>
    /// <param name="now">The time to age the idea to.</param>
    /// <returns>The score and its parts; score, engagement and decay are rounded to 6 decimal places.</returns>
    public static FitnessParts Of(IdeaView idea, IReadOnlyList<RuleResult> rules, CommunitySettings settings, DateTimeOffset now)
    {
        var t = idea.Tally;
        var support = t.Supporters + (settings.ExpertWeight - 1) * t.ExpertSupporters;
        var opposition = t.Opposers + (settings.ExpertWeight - 1) * t.ExpertOpposers;
        var engagement = Math.Log(1 + t.Comments + 2 * idea.Forks.Count);
        var evidence = settings.EvidenceWeight * t.Askers;
        var ageDays = Math.Max(0, (now - idea.ProposedAt).TotalDays);
        var decay = Math.Pow(2, -ageDays / settings.HalfLifeDays);
        var passed = rules.Count(r => r.Passed);
        var ruleFactor = rules.Count == 0 ? 1 : (double)passed / rules.Count;
        var score = Math.Max(0, support - opposition + engagement + evidence) * decay * (0.5 + 0.5 * ruleFactor);
        return new FitnessParts(t.Supporters, t.ExpertSupporters, t.Supporters - t.Opposers, support,
            Math.Round(engagement, 6), Math.Round(decay, 6), passed, rules.Count, Math.Round(score, 6), evidence);
    }
}
