using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Benchmarks.Ping;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>Scenario 1: our grain calls against a trivial ping grain, inside the silo and through an external client.</summary>
public static class GrainPath
{
    public static async Task RunAsync(BenchOptions options, LoadRunner runner, List<Measured> results)
    {
        await using var silo = await BenchSilo.StartAsync(s => s.AddMemoryGrainStorage(StorageNames.Relationships));
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
        var ping = await runner.RunAsync(scenario, "ping (Orleans' limit)", callers, (c, _) => grains.GetGrain<IPingGrain>(c % 64).PingAsync());
        var record = await runner.RunAsync(scenario, "RecordInteraction", callers, (c, n) =>
            grains.Customer(Payloads.CustomerId((c * 7919 + n) % options.Customers)).RecordInteractionAsync(Payloads.Interaction($"{prefix}-{c}-{n}")));
        var read = await runner.RunAsync(scenario, "GetTimeline (20)", callers, (c, n) =>
            grains.Customer(Payloads.CustomerId((c * 7919 + n) % options.Customers)).GetTimelineAsync(new TimelineQuery(Limit: 20)));
        results.Add(ping);
        results.Add(record with { Baseline = "ping", Ratio = record.PerSecond / ping.PerSecond, Note = "memory journal" });
        results.Add(read with { Baseline = "ping", Ratio = read.PerSecond / ping.PerSecond });
    }
}
