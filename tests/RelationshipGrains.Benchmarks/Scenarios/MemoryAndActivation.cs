using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Journaling;
using Orleans.Storage;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>
/// Scenario 5: bytes per active customer grain with a small realistic state (profile and one interaction) and
/// activations per second, against the same count of ping grains. Storage keeps nothing, so only activations count.
/// </summary>
public static class MemoryAndActivation
{
    public static async Task RunAsync(BenchOptions options, List<Measured> results)
    {
        await using var silo = await BenchSilo.StartAsync(s =>
        {
            s.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Relationships, new DiscardingGrainStorage());
            s.AddJournalCore();
            s.AddJournalStorage("Default", _ => new DiscardingJournals());
        });
        var count = options.MemoryCustomers;
        var ping = await ActivateAsync(count, i => silo.Grains.Ping(1_000_000 + i).PingAsync());
        var ours = await ActivateAsync(count, async i =>
        {
            var customer = silo.Grains.Customer($"mem-{i}");
            await customer.UpdateProfileAsync(new UpdateProfile($"Customer {i}", [new ContactPoint(Channel.Email, $"c{i}@example.org")], "en"));
            await customer.RecordInteractionAsync(Payloads.Interaction($"first-{i}"));
        });
        results.Add(new Measured("memory", $"activate {count:N0} ping grains", 256, count, ping.PerSecond, 0, 0, ping.Bytes, Note: $"{ping.Bytes:0} B per activation"));
        results.Add(new Measured("memory", $"activate {count:N0} customers", 256, count, ours.PerSecond, 0, 0, ours.Bytes,
            "ping", ours.Bytes / ping.Bytes, $"{ours.Bytes:0} B per customer (ratio is bytes)"));
    }

    private static async Task<(double PerSecond, double Bytes)> ActivateAsync(int count, Func<int, Task> activate)
    {
        var before = Resident();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 256).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await activate(i);
            }
        }));
        var perSecond = count / clock.Elapsed.TotalSeconds;
        return (perSecond, (double)(Resident() - before) / count);
    }

    private static long Resident()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
