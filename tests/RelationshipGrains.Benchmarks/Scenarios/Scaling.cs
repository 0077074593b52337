using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>
/// Scenario 6: throughput and p99 as the number of customers grows, and as one customer's conversation grows
/// (the grain keeps a 200-entry window and archives the rest, so cost per operation must stay flat).
/// </summary>
public static class Scaling
{
    public static async Task RunAsync(BenchOptions options, LoadRunner runner, List<Measured> results)
    {
        await using var silo = await BenchSilo.StartAsync(s => s.AddOrleansSerializedMemoryGrainStorage(StorageNames.Relationships));
        var prefix = Guid.NewGuid().ToString("N")[..8];
        Measured? first = null;
        foreach (var customers in options.CustomerScales)
        {
            var m = await runner.RunAsync("scaling: customers", $"RecordInteraction over {customers:N0} customers", options.GrainCallers, (c, n) =>
                silo.Grains.Customer($"scale-{customers}-{(c * 7919 + n) % customers}").RecordInteractionAsync(Payloads.Interaction($"{prefix}-{c}-{n}")));
            first ??= m;
            results.Add(m with { Baseline = first.Operation, Ratio = m.PerSecond / first.PerSecond });
        }

        Measured? shortest = null;
        foreach (var length in options.ConversationLengths)
        {
            var customer = silo.Grains.Customer($"long-{prefix}-{length}");
            for (var i = 0; i < length; i += 100)
            {
                await Task.WhenAll(Enumerable.Range(i, Math.Min(100, length - i)).Select(k => customer.RecordInteractionAsync(Payloads.Interaction($"fill-{k}"))));
            }

            var append = await runner.RunAsync("scaling: conversation", $"append at {length:N0} entries", 1, (_, n) =>
                customer.RecordInteractionAsync(Payloads.Interaction($"{prefix}-more-{n}")));
            var page = await runner.RunAsync("scaling: conversation", $"read oldest page at {length:N0}", 1, (_, _) =>
                customer.GetTimelineAsync(new TimelineQuery(After: 0, Limit: 20)));
            shortest ??= append;
            results.Add(append with { Baseline = shortest.Operation, Ratio = append.PerSecond / shortest.PerSecond });
            results.Add(page);
        }
    }
}
