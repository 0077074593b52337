using RelationshipGrains.Communities;
using RelationshipGrains.Ideas;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Communities;

/// <summary>
/// A seeded community of 1,000 members and 200 ideas, each with a hidden appeal. Members vote by appeal (experts
/// more reliably). Only the fittest should survive: the selected ideas must be
/// high-appeal ones that pass the rules, the culled low-appeal ones, and fitness must rank ideas much as appeal does.
/// Rounds run weekly on a fake clock.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Simulating_an_idea_ecology(ClusterFixture fixture)
{
    private const int Members = 1_000, Experts = 50, Ideas = 200, Rounds = 6, LooksPerMemberPerRound = 8;

    [Fact]
    public async Task Selection_rounds_keep_the_fittest_and_cull_the_weakest()
    {
        var random = new Random(20261123);
        var world = new CommunityWorld(fixture.Grains);
        var community = await world.Create(
            new CommunitySettings(ExpertWeight: 3, HalfLifeDays: 60, RoundPeriodHours: 8_760, ShortlistPerRound: 10, SelectPerRound: 3, CullFraction: 0.2, MinAgeDaysToCull: 10),
            new IdeaRule("cost-ceiling", "unit-cost", RuleKind.Max, 50));
        var members = await InBatches(Enumerable.Range(0, Members), _ => world.Member());
        var experts = members.Take(Experts).ToHashSet();
        await InBatches(experts, e => community.ChangeRoleAsync(world.Staff, e, CommunityRole.Expert));

        var appeal = new Dictionary<string, double>();
        var prefix = Keys.Customer("eco");
        for (var i = 0; i < Ideas; i++)
        {
            var id = $"{prefix}-{i}";
            appeal[id] = random.NextDouble();
            var cost = random.NextDouble() < 0.8 ? 10 + random.NextDouble() * 40 : 55 + random.NextDouble() * 45;
            await world.Propose(members[random.Next(Members)], id, $"Idea {i}", new IdeaAttributes(new Dictionary<string, double> { ["unit-cost"] = cost }));
        }

        for (var round = 0; round < Rounds; round++)
        {
            var open = (await community.RankIdeasAsync()).Select(r => r.Idea.IdeaId).ToArray();
            var votes = new List<(string Member, string Idea, int Value)>();
            foreach (var member in members)
            {
                for (var look = 0; look < LooksPerMemberPerRound; look++)
                {
                    var idea = open[random.Next(open.Length)];
                    var value = Opinion(appeal[idea], experts.Contains(member), random);
                    if (value != 0)
                    {
                        votes.Add((member, idea, value));
                    }
                }
            }

            await InBatches(votes, v => world.Idea(v.Idea).VoteAsync(v.Member, v.Value));
            // Rounds are run by hand here (the reminder's period is a year); the reminder has its own test.
            fixture.Time.Advance(TimeSpan.FromDays(7));
            await community.AsReference<ICommunityStewardshipGrain>().RunRoundAsync();
        }

        Assert.Equal(Rounds, (await community.GetAsync())!.Rounds);

        var all = await community.RankIdeasAsync(includeClosed: true);
        var selected = all.Where(r => r.Idea.Status == IdeaStatus.Selected).ToList();
        var culled = all.Where(r => r.Idea.Status == IdeaStatus.Culled).ToList();
        var passing = all.Where(r => r.PassesRules).ToList();

        Assert.InRange(selected.Count, 3, Rounds * 3);
        Assert.All(selected, s => Assert.True(s.PassesRules, $"{s.Idea.IdeaId} was selected but fails a rule"));
        Assert.True(selected.Average(s => appeal[s.Idea.IdeaId]) > 0.75, $"Selected ideas' mean appeal is {selected.Average(s => appeal[s.Idea.IdeaId]):0.00}");
        Assert.NotEmpty(culled);
        Assert.True(culled.Average(c => appeal[c.Idea.IdeaId]) < 0.35, $"Culled ideas' mean appeal is {culled.Average(c => appeal[c.Idea.IdeaId]):0.00}");
        var correlation = Spearman(passing.Select(r => r.Fitness.Score).ToArray(), passing.Select(r => appeal[r.Idea.IdeaId]).ToArray());
        Assert.True(correlation > 0.6, $"Fitness ranks ideas unlike their appeal (Spearman {correlation:0.00})");
    }

    /// <summary>Members like what appeals, with noise; experts judge more reliably.</summary>
    private static int Opinion(double appeal, bool expert, Random random)
    {
        if (expert)
        {
            return appeal > 0.6 ? 1 : appeal < 0.3 ? -1 : 0;
        }

        var roll = random.NextDouble();
        return roll < appeal * 0.7 ? 1 : roll > 1 - (1 - appeal) * 0.35 ? -1 : 0;
    }

    private static double Spearman(double[] x, double[] y)
    {
        var (rx, ry) = (Ranks(x), Ranks(y));
        var (mx, my) = (rx.Average(), ry.Average());
        var cov = rx.Zip(ry, (a, b) => (a - mx) * (b - my)).Sum();
        return cov / Math.Sqrt(rx.Sum(a => (a - mx) * (a - mx)) * ry.Sum(b => (b - my) * (b - my)));
    }

    private static double[] Ranks(double[] values)
    {
        var order = values.Select((v, i) => (v, i)).OrderBy(p => p.v).ToArray();
        var ranks = new double[values.Length];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r].i] = r;
        }

        return ranks;
    }

    private static async Task<T[]> InBatches<TItem, T>(IEnumerable<TItem> items, Func<TItem, Task<T>> call)
    {
        List<T> results = [];
        foreach (var batch in items.Chunk(250))
        {
            results.AddRange(await Task.WhenAll(batch.Select(call)));
        }

        return [.. results];
    }
}
