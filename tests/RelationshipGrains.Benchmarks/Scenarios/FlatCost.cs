using Microsoft.Extensions.DependencyInjection;
using Orleans.Journaling;
using RelationshipGrains.Benchmarks.Hosting;
using RelationshipGrains.Benchmarks.Measurement;
using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains;
using RelationshipGrains.Ideas;
using RelationshipGrains.Persistence.AzureStorage;
using RelationshipGrains.Reporting;
using RelationshipGrains.Testing;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>
/// Scenario 7: a change must cost what it changes. Each kind of change is measured twice, on a grain with little
/// history and on one with a lot, in time and in journal bytes written per change (compactions included).
/// </summary>
public static class FlatCost
{
    public static async Task RunAsync(BenchOptions options, LoadRunner runner, List<Measured> results)
    {
        var journals = new CountingJournals();
        await using var silo = await BenchSilo.StartAsync(s =>
        {
            s.AddOrleansSerializedMemoryGrainStorage(StorageNames.Relationships);
            s.Services.AddSingleton(journals.Memory.Compactions);
            s.AddJournalCore();
            s.AddJournalStorage("Default", _ => journals);
        });
        var grains = silo.Grains;
        var run = Guid.NewGuid().ToString("N")[..6];

        await CompareAsync(runner, results, journals, "flat: conversation append", "entries", 10, options.Quick ? 2_000 : 100_000, async size =>
        {
            var customer = grains.Customer($"flat-{run}-{size}");
            await FillAsync(size, i => customer.RecordInteractionAsync(Payloads.Interaction($"fill-{i}")));
            return n => customer.RecordInteractionAsync(Payloads.Interaction($"more-{n}"));
        });

        await CompareAsync(runner, results, journals, "flat: BI batch of 10", "remembered ids", 0, options.Quick ? 5_000 : 50_000, async size =>
        {
            var metrics = grains.GetGrain<IRelationshipMetricsGrain>(0);
            await FillAsync(size / 100, _ => metrics.ApplyAsync(Facts(100)));
            return _ => metrics.ApplyAsync(Facts(10));
        });

        var cards = options.Quick ? 1_000 : 10_000;
        await CompareAsync(runner, results, journals, "flat: directory upsert", "cards in the shard", 10, cards, DirectoryShard(grains, 1_000_000));

        // Append blobs snapshot after a bounded number of blocks (Azure reads them one by one), which a large state pays.
        journals.Policy.MaxAppends = AppendBlobJournalStorage.DefaultMaxBlocks;
        await CompareAsync(runner, results, journals, $"flat: directory upsert, snapshot every {AppendBlobJournalStorage.DefaultMaxBlocks:N0} appends as on append blobs",
            "cards in the shard", 10, cards, DirectoryShard(grains, 2_000_000));
        journals.Policy.MaxAppends = null;

        // Members may vote 60 times a minute, so votes are counted rather than timed: each member of the pool votes five
        // times a row. Timed for 5 s, once a vote stopped counting every vote, the quick run's 1,000 members passed it.
        var voters = options.Quick ? 1_000 : 10_000;
        var voting = await CommunityAsync(grains, $"flat-{run}-votes", voters);
        await CompareAsync(runner, results, journals, "flat: vote", "voters", 10, voters, async size =>
        {
            var idea = await voting.ProposeIdeaAsync("m-0", new ProposeIdea($"flat-{run}-idea-{size}", "A lighter frame"));
            var ideaGrain = grains.GetGrain<IIdeaGrain>(idea.IdeaId);
            await FillAsync(size, i => ideaGrain.VoteAsync($"m-{i}", 1));
            return n => ideaGrain.VoteAsync($"m-{(n * 7919) % voters}", n % 2 == 0 ? -1 : 1);
        }, voters * 5);

        // Counted rather than timed, and enough of them that each row spans a whole cycle between two snapshots of the
        // large community (some 15,000 posts): when a community held every post and at most 10,000, the 2,000 measured
        // met one snapshot or none, and the row moved between 1.14x and 1.53x from run to run.
        var posts = options.Quick ? 1_000 : 20_000;
        await CompareAsync(runner, results, journals, "flat: community post", "posts", 10, options.Quick ? 1_000 : 10_000, async size =>
        {
            var slug = $"flat-{run}-p{size}";
            var community = await CommunityAsync(grains, slug, 100);
            await FillAsync(size, i => community.PostAsync($"m-{i % 100}", new PostRequest($"p-{i}", $"post {i}", "A thread")));
            await NoticesDeliveredAsync(grains, slug, $"p-{size - 1}", size - 1);
            return n => community.PostAsync($"m-{n % 100}", new PostRequest($"more-{n}", $"another post {n}", "A thread"));
        }, posts, settle: size => NoticesDeliveredAsync(grains, $"flat-{run}-p{size}", $"more-{posts - 1}", posts - 1), warmUp: async () =>
        {
            // The same posts in a community of their own first. Unwarmed, the 10-post row was the process's first run of
            // this path, while the large row followed a fill of 7,900 posts: one run read 4.36x for the large community.
            // Past the latest 1,000, posts are archived, so the warm-up reaches that path too.
            var slug = $"flat-{run}-warm-up";
            var community = await CommunityAsync(grains, slug, 100);
            for (var n = 0; n < posts; n++)
            {
                await community.PostAsync($"m-{n % 100}", new PostRequest($"p-{n}", $"warm-up post {n}", "A thread"));
            }

            await NoticesDeliveredAsync(grains, slug, $"p-{posts - 1}", posts - 1);
        });
    }

    /// <summary>Measures one change at a small and a large history: ops/s and journal bytes per change.</summary>
    internal static async Task CompareAsync(
        LoadRunner runner, List<Measured> results, CountingJournals journals, string scenario, string what, int small, int large,
        Func<int, Task<Func<long, Task>>> prepare, int? count = null, Func<int, Task>? settle = null, Func<Task>? warmUp = null)
    {
        // Counted changes have no warm-up of their own, unlike timed ones (the load runner's).
        if (warmUp is not null)
        {
            await warmUp();
        }

        Measured? first = null;
        CountingJournals.WindowBytes firstWindow = default;
        foreach (var size in new[] { small, large })
        {
            var change = await prepare(size);
            // Counted from the first measured change: with the warm-up's bytes over the measured changes, a row read
            // what its warm-up wrote, which depends on how warm the process already was (1.00x in a run of every
            // scenario in one process, 1.24x for the same build in a process of its own).
            journals.StartWindow();
            var operation = $"at {size:N0} {what}";
            var measured = count is { } times
                ? await CountedAsync(scenario, operation, times, change)
                : await runner.RunAsync(scenario, operation, 1, (_, n) => change(n), measuring: journals.StartWindow);
            if (settle is not null)
            {
                await settle(size);
            }

            var window = journals.Window();
            if (first is null)
            {
                (first, firstWindow) = (measured, window);
            }

            results.Add(measured with
            {
                Baseline = $"at {small:N0}",
                Ratio = measured.PerSecond / first.PerSecond,
                Note = BytesNote(window, measured.Operations, firstWindow, first.Operations),
            });
        }
    }

    /// <summary>
    /// Journal bytes per change as written, appends alone, and with snapshots amortised (see
    /// <see cref="CountingJournals.Window"/>). As written, a row that counts fewer changes than fall between two
    /// snapshots of a large state meets one snapshot or none: the community's 2,000 posts read 1.14x in one run and 1.53x
    /// in the next, with appends at 1.03x in both.
    /// </summary>
    private static string BytesNote(CountingJournals.WindowBytes window, long changes, CountingJournals.WindowBytes first, long firstChanges)
    {
        static double PerChange(double bytes, long changes) => bytes / Math.Max(1, changes);
        var written = PerChange(window.Appended + window.Snapshots, changes);
        var appended = PerChange(window.Appended, changes);
        var amortised = PerChange(window.Appended + window.AmortisedSnapshots, changes);
        return $"{written:0} journal B/change ({written / PerChange(first.Appended + first.Snapshots, firstChanges):0.00}x) with {window.Snapshots / 1024:N0} KB of snapshots; "
            + $"appends {appended / PerChange(first.Appended, firstChanges):0.00}x; snapshots amortised {amortised / PerChange(first.Appended + first.AmortisedSnapshots, firstChanges):0.00}x, "
            + $"{(double)window.AwaitingSnapshot / Math.Max(1, window.Appended):P0} of appends awaiting one";
    }

    /// <summary>One caller making exactly <paramref name="times"/> changes, for changes whose number is capped.</summary>
    private static async Task<Measured> CountedAsync(string scenario, string operation, int times, Func<long, Task> change)
    {
        var latencies = new double[times];
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var n = 0; n < times; n++)
        {
            var start = clock.Elapsed.TotalMilliseconds;
            await change(n);
            latencies[n] = clock.Elapsed.TotalMilliseconds - start;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new Measured(scenario, operation, 1, times, times / seconds, latencies[times / 2], latencies[(int)(times * 0.99)],
            (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / times);
    }

    internal static async Task FillAsync(int count, Func<int, Task> add)
    {
        for (var i = 0; i < count; i += 100)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(100, count - i)).Select(add));
        }
    }

    /// <summary>
    /// Waits until the community has told the author of its last post. It tells each post's author on their timeline
    /// after answering, one notice after another, so the fill's notices would otherwise still be on their way while the
    /// next posts are measured (at 500 posts that halved the measured rate, with the median unchanged), and the measured
    /// posts' notices would be counted only as far as they had come when the last post answered.
    /// </summary>
    private static async Task NoticesDeliveredAsync(IGrainFactory grains, string slug, string postId, int postIndex)
    {
        var author = grains.Customer($"m-{postIndex % 100}");
        var entryId = $"community:{slug}/post/{postId}";
        await Poll.UntilAsync(() => author.GetTimelineAsync(new TimelineQuery(Limit: 100)), page => page.Entries.Any(e => e.EntryId == entryId),
            TimeSpan.FromMinutes(2), $"Community '{slug}' telling the author of post '{postId}'");
    }

    private static async Task<ICommunityGrain> CommunityAsync(IGrainFactory grains, string slug, int members)
    {
        var community = grains.GetGrain<ICommunityGrain>(slug);
        await community.AsReference<ICommunityStewardshipGrain>().ConfigureAsync(new ConfigureCommunity("Flat cost"));
        await FillAsync(members, i => community.JoinAsync($"m-{i}"));
        return community;
    }

    /// <summary>A directory shard holding <c>size</c> cards, and an upsert of one of them.</summary>
    internal static Func<int, Task<Func<long, Task>>> DirectoryShard(IGrainFactory grains, int keys) => async size =>
    {
        // Keys far from the 64 shards the product uses, one per history size.
        var shard = grains.GetGrain<ICustomerDirectoryGrain>(keys + size);
        // Ids of one width: "c-9999" made the large shard's cards, and so its records, 9 bytes longer than "c-9".
        await FillAsync(size, i => shard.UpsertAsync(Card($"c-{i:D5}")));
        return n => shard.UpsertAsync(Card($"c-{n % size:D5}"));
    };

    private static List<MetricsFact> Facts(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new MetricsFact(Guid.NewGuid(), MetricsFactKind.Interaction, "", "web", DateTimeOffset.UtcNow))];

    private static CustomerCard Card(string id) => new(id, $"Customer {id}", [$"{id}@example.com"], ["vip"], DateTimeOffset.UtcNow);
}
