using System.Diagnostics;
using Orleans.Core.Internal;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Customers;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>
/// Part of scenario 4: bringing a customer back from its journal costs what its journal holds since the last snapshot,
/// not its history. A customer with a long conversation against one with ten entries, both on the same storage.
/// </summary>
public static class Reactivation
{
    private const int Shortest = 10;

    /// <summary>Storage round trip added for the second pair of rows, about what a silo sees to Azure Storage in its region.</summary>
    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(5);

    public static async Task RunAsync(BenchOptions options, IGrainFactory grains, string prefix, List<Measured> results, AddedLatency latency,
        string scenario = "durability", string storage = "", int? longest = null)
    {
        var most = longest ?? (options.Quick ? 2_000 : 100_000);
        var small = await FilledAsync(grains, $"short-{prefix}", Shortest);
        var large = await FilledAsync(grains, $"long-{prefix}", most);
        var rounds = options.Quick ? 6 : 40;

        // Untimed first, as every timed row warms up: in a process of its own, the first rounds are the first time
        // that process replays a journal of this size.
        await RoundsAsync(small, large, rounds / 4);
        Compare(results, await RoundsAsync(small, large, rounds), most, storage, scenario);

        latency.Delay = RoundTrip;
        try
        {
            Compare(results, await RoundsAsync(small, large, rounds), most, $"{storage}, {RoundTrip.TotalMilliseconds:0} ms per storage round trip", scenario);
        }
        finally
        {
            latency.Delay = TimeSpan.Zero;
        }
    }

    /// <summary>Rounds in the order A B B A, so neither gains from the storage warming up.</summary>
    private static async Task<(List<double> Small, List<double> Large)> RoundsAsync(ICustomerGrain small, ICustomerGrain large, int rounds)
    {
        List<double> smallTimes = [], largeTimes = [];
        for (var round = 0; round < rounds; round++)
        {
            var (first, second) = round % 2 == 0 ? (small, large) : (large, small);
            (first == small ? smallTimes : largeTimes).Add(await ReactivateAsync(first));
            (second == small ? smallTimes : largeTimes).Add(await ReactivateAsync(second));
        }

        return (smallTimes, largeTimes);
    }

    private static void Compare(List<Measured> results, (List<double> Small, List<double> Large) times, int longest, string condition, string scenario)
    {
        var shortRow = Row(scenario, $"reactivate a customer of {Shortest} entries{condition}", times.Small);
        var longRow = Row(scenario, $"reactivate a customer of {longest:N0} entries{condition}", times.Large);
        results.Add(shortRow);
        results.Add(longRow with
        {
            Baseline = $"{Shortest} entries",
            Ratio = longRow.P50Ms / shortRow.P50Ms,
            Note = "ratio is time (p50); deactivation, then one read",
        });
    }

    private static async Task<ICustomerGrain> FilledAsync(IGrainFactory grains, string id, int entries)
    {
        var customer = grains.Customer(id);

        // Callers in parallel only keep the grain busy: it still appends one entry at a time, as a conversation does.
        await Parallel.ForEachAsync(Enumerable.Range(0, entries), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            await customer.RecordInteractionAsync(Payloads.Interaction($"{id}-{i}")));
        return customer;
    }

    /// <summary>Milliseconds from asking the activation to leave to the next read's answer, which a fresh activation gives.</summary>
    private static async Task<double> ReactivateAsync(ICustomerGrain customer)
    {
        var clock = Stopwatch.StartNew();
        await customer.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var page = await customer.GetTimelineAsync(new TimelineQuery(Limit: 1));
        if (page.Entries.Count != 1)
        {
            throw new InvalidOperationException($"A reactivated customer answered with {page.Entries.Count} entries instead of its newest.");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static Measured Row(string scenario, string operation, List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new Measured(scenario, operation, 1, sorted.Length, 1000 / sorted.Average(),
            LoadRunner.Percentile(sorted, 0.50), LoadRunner.Percentile(sorted, 0.99), 0);
    }
}
