using System.Globalization;
using Orleans.Journaling;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Naming;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Reporting;

namespace RelationshipGrains.Grains.Reporting;

/// <summary>
/// The BI read model. A batch journals its counters and the message ids it applied, never the ids remembered before,
/// so its cost does not grow with the 50,000 ids kept for de-duplication.
/// </summary>
public sealed class RelationshipMetricsGrain(IDurableStateManager journal, Pseudonyms pseudonyms, ForcedCompactions compactions)
    : Grain, IRelationshipMetricsGrain
{
    public const int SeenKept = 50_000;

    private HashSet<Guid>? _seen;

    private RelationshipMetricsJournal State { get; } = new(journal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Journals from before 2026-12-05 keyed intents by "customer/intent", so an erased customer's id stayed here; they
        // are rekeyed once, and rewritten whole so no earlier record keeps the ids. Marked in the rewrite itself: a
        // rewrite that failed after the rekeyed records were appended leaves no plain key to tell it is still due.
        if (!State.IntentKeysPseudonymous.Value)
        {
            LatestValues.PseudonymiseIntentKeys(State.Intents, pseudonyms.ForIntentCount);
            State.IntentKeysPseudonymous.Value = true;
            compactions.Request(this.GetGrainId());
            await journal.WriteOrRetireAsync(this);
        }
    }

    public async Task<int> ApplyAsync(IReadOnlyList<MetricsFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        _seen ??= [.. State.Seen];
        List<MetricsFact> fresh;
        try
        {
            fresh = [.. facts.Where(f => _seen.Add(f.MessageId))];
            if (fresh.Count == 0)
            {
                return 0;
            }

            foreach (var fact in fresh)
            {
                Apply(fact);
                State.Seen.Enqueue(fact.MessageId);
            }

            while (State.Seen.Count > SeenKept)
            {
                _seen.Remove(State.Seen.Dequeue());
            }

            State.Applied.Value += fresh.Count;
            await journal.WriteOrRetireAsync(this);
        }
        catch
        {
            // Whatever failed (a fact that cannot be applied, or the write), the ids marked seen and the counters
            // moved are not stored: retire, or a redelivery would be acknowledged as already counted.
            _seen = null;
            DeactivateOnIdle();
            throw;
        }

        return fresh.Count;
    }

    // Facts recorded before every surface spelled enums in kebab case carry member names ("Store", "InDesign");
    // they are counted under the kebab spelling so one report never holds both.
    public Task<RelationshipMetrics> GetAsync() => Task.FromResult(new RelationshipMetrics(
        [.. State.ChannelDays.Select(p => (Parts: p.Key.Split('|'), Count: p.Value))
            .GroupBy(p => (Day: DateOnly.ParseExact(p.Parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), Channel: Kebab.Of(p.Parts[1])))
            .Select(g => new ChannelDay(g.Key.Day, g.Key.Channel, g.Sum(p => p.Count)))
            .OrderBy(c => c.Day).ThenBy(c => c.Channel, StringComparer.Ordinal)],
        State.Intents.Values.Count(v => v.Value == "open"),
        Count(State.Ideas),
        Count(State.ValueChains),
        State.Applied.Value));

    private void Apply(MetricsFact fact)
    {
        switch (fact.Kind)
        {
            case MetricsFactKind.Interaction:
                var key = $"{fact.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}|{Kebab.Of(fact.Value)}";
                State.ChannelDays[key] = (State.ChannelDays.TryGetValue(key, out var count) ? count : 0) + 1;
                break;
            case MetricsFactKind.Intent:
                Keep(State.Intents, fact with { Key = pseudonyms.ForIntentCount(fact.Key) });
                break;
            case MetricsFactKind.Idea:
                Keep(State.Ideas, fact);
                break;
            case MetricsFactKind.ValueChain:
                Keep(State.ValueChains, fact);
                break;
        }
    }

    private static void Keep(IDictionary<string, LatestValue> latest, MetricsFact fact) =>
        LatestValues.Keep(latest, fact.Key, new LatestValue(Kebab.Of(fact.Value), fact.At));

    private static SortedDictionary<string, int> Count(IDictionary<string, LatestValue> latest) =>
        new(latest.Values.GroupBy(v => Kebab.Of(v.Value)).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
}
