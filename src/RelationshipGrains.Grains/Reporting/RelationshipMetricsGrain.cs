using System.Globalization;
using Orleans.Placement;
using RelationshipGrains.Grains.Storage;
using RelationshipGrains.Reporting;

namespace RelationshipGrains.Grains.Reporting;

// Never moved with its in-memory state: a migrated customer was once seen with empty state (see CustomerGrain),
// and these grains are few enough that the rebalancer gains little from moving them.
[Immovable]
public sealed class RelationshipMetricsGrain(
    [PersistentState("metrics", StorageNames.Relationships)] IPersistentState<RelationshipMetricsState> state) : Grain, IRelationshipMetricsGrain
{
    public const int SeenKept = 50_000;

    private HashSet<Guid>? _seen;

    private RelationshipMetricsState State => state.State;

    public async Task<int> ApplyAsync(IReadOnlyList<MetricsFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        _seen ??= [.. State.Seen];
        var fresh = facts.Where(f => _seen.Add(f.MessageId)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        foreach (var fact in fresh)
        {
            Apply(fact);
            State.Seen.Add(fact.MessageId);
        }

        if (State.Seen.Count > SeenKept)
        {
            var drop = State.Seen.Count - SeenKept;
            State.Seen.Take(drop).ToList().ForEach(id => _seen.Remove(id));
            State.Seen.RemoveRange(0, drop);
        }

        State.Applied += fresh.Count;
        try
        {
            await state.WriteOrReloadAsync(this);
        }
        catch
        {
            _seen = null;
            throw;
        }

        return fresh.Count;
    }

    public Task<RelationshipMetrics> GetAsync() => Task.FromResult(new RelationshipMetrics(
        [.. State.ChannelDays.Select(p => p.Key.Split('|')).Zip(State.ChannelDays.Values)
            .Select(p => new ChannelDay(DateOnly.ParseExact(p.First[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), p.First[1], p.Second))
            .OrderBy(c => c.Day).ThenBy(c => c.Channel, StringComparer.Ordinal)],
        State.Intents.Values.Count(v => v.Value == "open"),
        Count(State.Ideas),
        Count(State.ValueChains),
        State.Applied));

    private void Apply(MetricsFact fact)
    {
        switch (fact.Kind)
        {
            case MetricsFactKind.Interaction:
                var key = $"{fact.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}|{fact.Value}";
                State.ChannelDays[key] = State.ChannelDays.GetValueOrDefault(key) + 1;
                break;
            case MetricsFactKind.Intent:
                Keep(State.Intents, fact);
                break;
            case MetricsFactKind.Idea:
                Keep(State.Ideas, fact);
                break;
            case MetricsFactKind.ValueChain:
                Keep(State.ValueChains, fact);
                break;
        }
    }

    private static void Keep(Dictionary<string, LatestValue> latest, MetricsFact fact)
    {
        if (!latest.TryGetValue(fact.Key, out var known) || known.At <= fact.At)
        {
            latest[fact.Key] = new LatestValue(fact.Value, fact.At);
        }
    }

    private static SortedDictionary<string, int> Count(Dictionary<string, LatestValue> latest) =>
        new(latest.Values.GroupBy(v => v.Value).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
}
