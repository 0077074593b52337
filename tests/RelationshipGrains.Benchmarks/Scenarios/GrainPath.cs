using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Benchmarks.Floor;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>Scenario 1: our grain calls against a trivial ping grain, inside the silo and through an external client.</summary>
public static class GrainPath
{
    public static async Task RunAsync(BenchOptions options, LoadRunner runner, List<Measured> results)
    {
        await using var silo = await BenchSilo.StartAsync(s => s.AddOrleansSerializedMemoryGrainStorage(StorageNames.Relationships));
        using var clientHost = await silo.ConnectClientAsync();
        try
        {
            var client = clientHost.Services.GetRequiredService<IClusterClient>();
            foreach (var (where, grains) in new (string, IGrainFactory)[] { ("in silo", silo.Grains), ("external client", client) })
            {
                await MeasureAsync(options, runner, results, where, grains);
            }
        }
        finally
        {
            // The client leaves before the silo stops, as a channel app would.
            await clientHost.StopAsync();
        }
    }

    private static async Task MeasureAsync(BenchOptions options, LoadRunner runner, List<Measured> results, string where, IGrainFactory grains)
    {
        var scenario = $"grain path ({where})";
        var callers = options.GrainCallers;
        var prefix = Guid.NewGuid().ToString("N")[..8];

        // The customers exist before the timed writes, as in a silo that has been running: a customer's first
        // interaction also creates its journal and directory card, which the first-contact row prices on its own.
        // Measured with them, a run of 10,000 customers spent most of its 5 s on first contacts.
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Customers), new ParallelOptions { MaxDegreeOfParallelism = callers }, async (i, _) =>
        {
            await grains.Customer(Payloads.CustomerId(i)).RecordInteractionAsync(Payloads.Interaction($"{prefix}-e-{i}"));
            await grains.JournalFloor(Payloads.CustomerId(i)).AppendAsync(Payloads.Interaction($"{prefix}-e-{i}"));
        });

        // Ping, the write and Orleans Journaling alone in the order A B C C B A, so none gains from running later (the
        // first measurement on a fresh silo also meets its tiered JIT and its first garbage collections).
        var pingFirst = await PingAsync(runner, scenario, callers, grains);
        var recordFirst = await RecordAsync(runner, scenario, options, grains, $"{prefix}-a");
        var floorFirst = await FloorAsync(runner, scenario, options, grains, $"{prefix}-c");
        var floorSecond = await FloorAsync(runner, scenario, options, grains, $"{prefix}-d");
        var recordSecond = await RecordAsync(runner, scenario, options, grains, $"{prefix}-b");
        var pingSecond = await PingAsync(runner, scenario, callers, grains);
        var read = await runner.RunAsync(scenario, "GetTimeline (20)", callers, (c, n) =>
            grains.Customer(Payloads.CustomerId((c * 7919 + n) % options.Customers)).GetTimelineAsync(new TimelineQuery(Limit: 20)));
        var firstContact = await runner.RunAsync(scenario, "RecordInteraction, first contact", callers, (c, n) =>
            grains.Customer($"new-{prefix}-{c}-{n}").RecordInteractionAsync(Payloads.Interaction($"{prefix}-f-{c}-{n}")));
        var ping = Measured.Mean(pingFirst, pingSecond);
        var record = Measured.Mean(recordFirst, recordSecond);
        var floor = Measured.Mean(floorFirst, floorSecond);
        results.Add(ping);
        results.Add(record with
        {
            Baseline = "ping", Ratio = record.PerSecond / ping.PerSecond,
            Note = $"memory journal; {record.PerSecond / floor.PerSecond:0.00} of Journaling alone; A B C C B A",
        });
        results.Add(floor with { Baseline = "ping", Ratio = floor.PerSecond / ping.PerSecond, Note = "the same entry in a journaled list, nothing of ours" });
        results.Add(read with { Baseline = "ping", Ratio = read.PerSecond / ping.PerSecond });
        results.Add(firstContact with { Baseline = "ping", Ratio = firstContact.PerSecond / ping.PerSecond, Note = "a new customer each call" });
    }

    private static Task<Measured> FloorAsync(LoadRunner runner, string scenario, BenchOptions options, IGrainFactory grains, string prefix) =>
        runner.RunAsync(scenario, "Orleans Journaling alone: append and write", options.GrainCallers, (c, n) =>
            grains.JournalFloor(Payloads.CustomerId((c * 7919 + n) % options.Customers)).AppendAsync(Payloads.Interaction($"{prefix}-{c}-{n}")));

    private static Task<Measured> PingAsync(LoadRunner runner, string scenario, int callers, IGrainFactory grains) =>
        runner.RunAsync(scenario, "ping (Orleans' limit)", callers, (c, _) => grains.Ping(c % 64).PingAsync());

    private static Task<Measured> RecordAsync(LoadRunner runner, string scenario, BenchOptions options, IGrainFactory grains, string prefix) =>
        runner.RunAsync(scenario, "RecordInteraction", options.GrainCallers, (c, n) =>
            grains.Customer(Payloads.CustomerId((c * 7919 + n) % options.Customers)).RecordInteractionAsync(Payloads.Interaction($"{prefix}-{c}-{n}")));
}
