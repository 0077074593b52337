using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Journaling;
using Orleans.Storage;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>
/// Scenario 5: bytes per active customer grain with a small realistic state (profile and one interaction) and
/// activations per second, against the same count of ping grains. Storage keeps nothing, so only activations count,
/// but in the last row, which reads customers back from memory journals.
/// </summary>
public static class MemoryAndActivation
{
    public static async Task RunAsync(BenchOptions options, List<Measured> results)
    {
        var count = options.MemoryCustomers;
        (double PerSecond, double Bytes) ping, ours;
        await using (var silo = await BenchSilo.StartAsync(s =>
        {
            s.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Relationships, new DiscardingGrainStorage());
            s.AddJournalCore();
            s.AddJournalStorage("Default", _ => new DiscardingJournals());
        }))
        {
            ping = await ActivateAsync(count, i => silo.Grains.Ping(1_000_000 + i).PingAsync());
            ours = await ActivateAsync(count, i => FirstContactAsync(silo.Grains, $"mem-{i}", i));
        }

        results.Add(new Measured("memory", $"activate {count:N0} ping grains", 256, count, ping.PerSecond, 0, 0, ping.Bytes, Note: $"{ping.Bytes:0} B per activation"));
        results.Add(new Measured("memory", $"activate {count:N0} customers", 256, count, ours.PerSecond, 0, 0, ours.Bytes,
            "ping", ours.Bytes / ping.Bytes, $"{ours.Bytes:0} B per customer (ratio is bytes)"));

        var readBack = await ReadBackAsync(count);
        results.Add(new Measured("memory", $"read {count:N0} customers back from their journals", 256, count, readBack.PerSecond, 0, 0, readBack.Bytes,
            "ping", readBack.Bytes / ping.Bytes, $"{readBack.Bytes:0} B per customer (ratio is bytes); a new silo reads them"));
    }

    /// <summary>A customer's first contact: a profile and one interaction.</summary>
    private static async Task FirstContactAsync(IGrainFactory grains, string id, int i)
    {
        var customer = grains.Customer(id);
        await customer.UpdateProfileAsync(new UpdateProfile($"Customer {i}", [new ContactPoint(Channel.Email, $"c{i}@example.org")], "en"));
        await customer.RecordInteractionAsync(Payloads.Interaction($"first-{i}"));
    }

    /// <summary>
    /// Customers as most of them are met: read back from their journals by a silo that did not write them. Made in the
    /// process, a customer shares objects with the requests that made it (the interaction's text, the language, the
    /// author), of which one read back holds copies, and the directory holds its card. The silo that reads them back is
    /// a new one, as after a restart: one that had held the customers before kept its grain tables at their size.
    /// </summary>
    private static async Task<(double PerSecond, double Bytes)> ReadBackAsync(int count)
    {
        var journals = new MemoryJournalStorageProvider(new CompactionPolicy());
        await using (var writer = await StartAsync(journals))
        {
            await ActivateAsync(count, i => FirstContactAsync(writer.Grains, $"back-{i}", i));
        }

        await using var reader = await StartAsync(journals);
        return await ActivateAsync(count, i => reader.Grains.Customer($"back-{i}").GetProfileAsync());

        static Task<BenchSilo> StartAsync(MemoryJournalStorageProvider journals) => BenchSilo.StartAsync(s =>
        {
            s.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Relationships, new DiscardingGrainStorage());
            s.AddMemoryJournalStorage(journals);
        });
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
