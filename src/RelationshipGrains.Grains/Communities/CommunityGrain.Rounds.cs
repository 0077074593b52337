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
        var all = await RankIdeasAsync(includeClosed: true);

        // An attempt at this round that failed part-way (storage, an idea's full outbox) left its decisions on the
        // ideas and none of them here: this one reports and announces them, and decides nothing more for those ideas
        // (one shortlisted then was selected by the rerun, two steps in one round).
        var decidedEarlier = all.Where(r => r.Idea.Decisions is [.., { } last] && last.Round == round).ToList();
        var ranked = all.Where(r => IdeaTransitions.IsOpen(r.Idea.Status) && !decidedEarlier.Contains(r)).ToList();
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
        foreach (var r in decidedEarlier)
        {
            var last = r.Idea.Decisions[^1];
            report.Add(new RoundDecision(r.Idea.IdeaId, last.From, last.To, last.Reason));
            AnnounceDecision(round, r.Idea, last.To, last.Reason, last.At);
        }

        // Culled or merged ideas leave the similarity index; forgotten only in memory by a round that failed, they
        // were offered as similar ideas for good.
        foreach (var r in all.Where(r => r.Idea.Status is IdeaStatus.Culled or IdeaStatus.Merged && State.IdeaTexts.ContainsKey(r.Idea.IdeaId)))
        {
            ForgetText(r.Idea.IdeaId);
        }

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
                AnnounceDecision(round, r.Idea, to, reason, LatestDecisionAt(decided));
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
        AddEvent(CommunityEventKind.RoundCompleted, $"Round {round}: {report.Count} decision(s) over {ranked.Count + decidedEarlier.Count} open idea(s).", null, null);
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

    /// <summary>A round's decision in the feed, as the round made it or (for one a failed attempt made) as the rerun tells it.</summary>
    private void AnnounceDecision(long round, IdeaView idea, IdeaStatus to, string reason, DateTimeOffset? at) =>
        AddEvent(CommunityEventKind.IdeaDecided, $"Round {round}: '{idea.Title}' {Kebab.Of(to)}. {reason}.", idea.IdeaId, null, at);
}
