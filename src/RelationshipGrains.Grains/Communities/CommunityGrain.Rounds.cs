using System.Globalization;
using RelationshipGrains.Communities;
using RelationshipGrains.Ideas;
using RelationshipGrains.Naming;

namespace RelationshipGrains.Grains.Communities;

/// <summary>
/// A selection round: the fittest shortlisted ideas that pass every rule and won their final vote are selected;
/// the fittest proposed ideas that pass every rule are shortlisted; ideas in the bottom fraction by fitness that
/// are older than the minimum age are culled. Every decision carries its reason.
/// </summary>
public sealed partial class CommunityGrain
{
    public async Task<RoundReport> RunRoundAsync()
    {
        RequireConfigured();
        var settings = State.Settings;
        var round = State.Rounds + 1;
        var now = time.GetUtcNow();
        var ranked = await RankIdeasAsync();
        List<(RankedIdea Idea, IdeaStatus To, string Reason)> decisions = [];

        var shortlisted = ranked.Where(r => r.Idea.Status == IdeaStatus.Shortlisted).ToList();
        foreach (var r in shortlisted.Where(r => r.PassesRules && r.Idea.Tally.FinalNet > 0).Take(settings.SelectPerRound))
        {
            decisions.Add((r, IdeaStatus.Selected,
                $"Final vote {r.Idea.Tally.FinalNet:+0;-0} and fitness {Show(r.Fitness.Score)}, rank {shortlisted.IndexOf(r) + 1} of {shortlisted.Count} shortlisted"));
        }

        var proposed = ranked.Where(r => r.Idea.Status == IdeaStatus.Proposed).ToList();
        foreach (var r in proposed.Where(r => r.PassesRules).Take(settings.ShortlistPerRound))
        {
            decisions.Add((r, IdeaStatus.Shortlisted, $"Fitness {Show(r.Fitness.Score)}, rank {proposed.IndexOf(r) + 1} of {proposed.Count} proposed, passes every rule"));
        }

        var cullCount = (int)Math.Floor(ranked.Count * settings.CullFraction);
        var advancing = decisions.Select(d => d.Idea.Idea.IdeaId).ToHashSet();
        foreach (var r in ranked.TakeLast(cullCount).Where(r => !advancing.Contains(r.Idea.IdeaId)
            && (now - r.Idea.ProposedAt).TotalDays >= settings.MinAgeDaysToCull))
        {
            var age = (int)(now - r.Idea.ProposedAt).TotalDays;
            decisions.Add((r, IdeaStatus.Culled, $"Fitness {Show(r.Fitness.Score)} in the bottom {settings.CullFraction.ToString("P0", CultureInfo.InvariantCulture)} after {age} days"));
        }

        List<RoundDecision> report = [];
        try
        {
            foreach (var (r, to, reason) in decisions)
            {
                var decided = await Lifecycle(r.Idea.IdeaId).ChangeStatusAsync(to, reason, round, fitness: r.Fitness.Score);
                if (to == IdeaStatus.Culled)
                {
                    ForgetText(r.Idea.IdeaId);
                }

                report.Add(new RoundDecision(r.Idea.IdeaId, r.Idea.Status, to, reason));
                AddEvent(CommunityEventKind.IdeaDecided, $"Round {round}: '{r.Idea.Title}' {Kebab.Of(to)}. {reason}.", r.Idea.IdeaId, null, LatestDecisionAt(decided));
            }
        }
        catch
        {
            // The ideas decided so far stored their side; this grain's feed events and forgotten texts are only in
            // memory. Retire rather than let a later write store a half-done round: the rerun decides it again.
            DeactivateOnIdle();
            throw;
        }

        State.Rounds = round;
        State.LastRound = new RoundReport(round, now, report);
        AddEvent(CommunityEventKind.RoundCompleted, $"Round {round}: {report.Count} decision(s) over {ranked.Count} open idea(s).", null, null);
        await SaveAsync();
        metrics.SelectionRounds.Add(1);
        return State.LastRound;
    }

    public Task<RoundReport?> GetLastRoundAsync()
    {
        RequireConfigured();
        return Task.FromResult(State.LastRound);
    }

    private static string Show(double score) => score.ToString("0.###", CultureInfo.InvariantCulture);
}
