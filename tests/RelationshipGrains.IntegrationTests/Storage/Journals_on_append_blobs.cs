using System.Buffers;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Orleans.Journaling;
using Orleans.Storage;
using RelationshipGrains.Customers;
using RelationshipGrains.IntegrationTests.Infrastructure;
using RelationshipGrains.Persistence.AzureStorage;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Testing;

namespace RelationshipGrains.IntegrationTests.Storage;

/// <summary>The production journal storage against a real Azurite: conditional appends, lost answers, compaction, erasure.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class Journals_on_append_blobs(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _container = AzuriteFixture.NewContainerName();

    public Task InitializeAsync() => azurite.Service.GetBlobContainerClient(_container).CreateIfNotExistsAsync();

    public Task DisposeAsync() => azurite.Service.GetBlobContainerClient(_container).DeleteIfExistsAsync();

    private AppendBlobJournalStorage Storage(JournalId id, ForcedCompactions? compactions = null, KnownSnapshots? known = null) =>
        new(id, azurite.Service.GetBlobContainerClient(_container), "orleans-binary", compactions ?? new ForcedCompactions(), new CompactionPolicy(), known);

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<string> ReadAllAsync(IJournalStorage storage)
    {
        var consumer = new CollectedJournal();
        await storage.ReadAsync(consumer, CancellationToken.None);
        return Encoding.UTF8.GetString([.. consumer.Bytes]);
    }

    [Fact]
    public async Task An_append_whose_answer_was_lost_is_neither_lost_nor_doubled_and_a_different_one_is_refused()
    {
        var id = new JournalId($"customer/{Guid.NewGuid():N}");
        var writer = Storage(id);
        await ReadAllAsync(writer);
        await writer.AppendAsync(Bytes("one;"), CancellationToken.None);

        // 'late' knows the journal as it was before "two;" landed, as an activation whose append answer was lost would.
        var late = Storage(id);
        await ReadAllAsync(late);
        await writer.AppendAsync(Bytes("two;"), CancellationToken.None);
        await late.AppendAsync(Bytes("two;"), CancellationToken.None);
        var other = Storage(id);
        await ReadAllAsync(other);
        await writer.AppendAsync(Bytes("three;"), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => other.AppendAsync(Bytes("four;"), CancellationToken.None).AsTask());

        Assert.Equal("one;two;three;", await ReadAllAsync(Storage(id)));
        Assert.Contains(id.Value, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_writers_creating_one_journal_cannot_both_win()
    {
        var id = new JournalId($"customer/{Guid.NewGuid():N}");
        var first = Storage(id);
        var second = Storage(id);
        await ReadAllAsync(first);
        await ReadAllAsync(second);

        await first.AppendAsync(Bytes("first;"), CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(() => second.AppendAsync(Bytes("second;"), CancellationToken.None).AsTask());

        Assert.Equal("first;", await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task A_creation_whose_answer_was_lost_is_taken_over_and_only_one_first_append_lands()
    {
        var id = new JournalId($"customer/{Guid.NewGuid():N}");
        var writer = Storage(id);
        var rival = Storage(id);
        await ReadAllAsync(writer);
        await ReadAllAsync(rival);

        // What a creation leaves when its answer is lost: the empty log, so the SDK's retry finds it already there.
        await azurite.Service.GetBlobContainerClient(_container).GetAppendBlobClient($"{id.Value}/log")
            .CreateAsync(new AppendBlobCreateOptions { Metadata = new Dictionary<string, string> { ["format"] = "orleans-binary" } });
        await writer.AppendAsync(Bytes("first;"), CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(() => rival.AppendAsync(Bytes("second;"), CancellationToken.None).AsTask());

        Assert.Equal("first;", await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task A_compaction_replaces_the_log_with_a_snapshot_and_leaves_nothing_of_the_old_bytes_behind()
    {
        var id = new JournalId($"customer/{Guid.NewGuid():N}");
        var storage = Storage(id);
        await ReadAllAsync(storage);
        await storage.AppendAsync(Bytes("secret-one;"), CancellationToken.None);
        await storage.ReplaceAsync(Bytes("snapshot-a;"), CancellationToken.None);
        await storage.AppendAsync(Bytes("after-a;"), CancellationToken.None);
        await storage.ReplaceAsync(Bytes("snapshot-b;"), CancellationToken.None);
        await storage.AppendAsync(Bytes("after-b;"), CancellationToken.None);

        var blobs = await azurite.EveryBlobAsync(_container);
        var everything = string.Concat(blobs.Select(b => Encoding.UTF8.GetString(b.Content)));

        Assert.Equal("snapshot-b;after-b;", await ReadAllAsync(Storage(id)));
        Assert.Equal(2, blobs.Count);
        Assert.DoesNotContain("secret-one", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("snapshot-a", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compacted_journal_is_read_back_in_one_request_from_the_snapshots_copy_at_the_start_of_its_log()
    {
        var id = new JournalId($"customer/{Guid.NewGuid():N}");
        var known = new KnownSnapshots();
        var storage = Storage(id, known: known);
        await ReadAllAsync(storage);
        await storage.AppendAsync(Bytes("one;"), CancellationToken.None);
        await storage.ReplaceAsync(Bytes("snapshot;"), CancellationToken.None);
        await storage.AppendAsync(Bytes("two;"), CancellationToken.None);

        var requests = new CountRequests();
        var reader = new AppendBlobJournalStorage(id, Container(requests), "orleans-binary", new ForcedCompactions(), new CompactionPolicy(), known);
        var consumer = new CollectedJournal();
        await reader.ReadAsync(consumer, CancellationToken.None);

        Assert.Equal("snapshot;two;", Encoding.UTF8.GetString([.. consumer.Bytes]));
        Assert.Equal(1, requests.Count);
        Assert.Null(known.Get(id));
        // Journal entries in the format the journal was written in; the log declares a format no earlier version knows.
        Assert.Equal("orleans-binary", consumer.FormatKey);
        var log = (await azurite.Service.GetBlobContainerClient(_container).GetAppendBlobClient($"{id.Value}/log").GetPropertiesAsync()).Value;
        Assert.NotEqual("orleans-binary", log.Metadata["format"]);
        Assert.StartsWith("orleans-binary", log.Metadata["format"], StringComparison.Ordinal);
        // The snapshot blob is still the record the log names.
        Assert.Equal("snapshot;", Encoding.UTF8.GetString((await azurite.Service.GetBlobContainerClient(_container)
            .GetBlobClient(log.Metadata["snapshot"]).DownloadContentAsync()).Value.Content));

        // The writer carries on after its copy, and the next compaction copies again.
        await storage.AppendAsync(Bytes("three;"), CancellationToken.None);
        await storage.ReplaceAsync(Bytes("snapshot-2;"), CancellationToken.None);
        await storage.AppendAsync(Bytes("four;"), CancellationToken.None);
        Assert.Equal("snapshot-2;four;", await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task A_snapshot_over_a_megabyte_stays_in_its_blob_alone_and_is_read_beside_the_log()
    {
        var id = new JournalId($"customer/{Guid.NewGuid():N}");
        var known = new KnownSnapshots();
        var storage = Storage(id, known: known);
        await ReadAllAsync(storage);
        var large = new string('a', 1024 * 1024) + ";";
        await storage.ReplaceAsync(Bytes(large), CancellationToken.None);
        await storage.AppendAsync(Bytes("two;"), CancellationToken.None);

        var log = (await azurite.Service.GetBlobContainerClient(_container).GetAppendBlobClient($"{id.Value}/log").GetPropertiesAsync()).Value;
        Assert.Equal("two;".Length, log.ContentLength);
        Assert.Equal("orleans-binary", log.Metadata["format"]);
        Assert.Equal(log.Metadata["snapshot"], known.Get(id));
        Assert.Equal(large + "two;", await ReadAllAsync(Storage(id, known: known)));
        Assert.Equal(large + "two;", await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task A_crash_between_swapping_the_log_and_copying_the_snapshot_into_it_loses_nothing()
    {
        var id = new JournalId($"customer/{Guid.NewGuid():N}");
        var known = new KnownSnapshots();
        await CompactedWithoutItsCopyAsync(id, known);

        // The log names the snapshot but holds no copy: the next activation reads the blob, and appends from the start.
        var restarted = Storage(id, known: known);
        Assert.Equal("snapshot;", await ReadAllAsync(restarted));
        await restarted.AppendAsync(Bytes("two;"), CancellationToken.None);
        Assert.Equal("snapshot;two;", await ReadAllAsync(Storage(id)));
        Assert.Equal("snapshot;two;", await ReadAllAsync(Storage(id, known: known)));
    }

    [Fact]
    public async Task A_copy_whose_answer_was_lost_is_neither_lost_nor_doubled()
    {
        var id = new JournalId($"customer/{Guid.NewGuid():N}");
        var lose = new LoseFirstAnswer(IsCopy);
        // Inside the SDK's retries, so it sends the copy again, and that finds the log already longer.
        var storage = new AppendBlobJournalStorage(id, Container(lose, Azure.Core.HttpPipelinePosition.PerRetry), "orleans-binary",
            new ForcedCompactions(), new CompactionPolicy());
        await ReadAllAsync(storage);
        await storage.AppendAsync(Bytes("one;"), CancellationToken.None);
        await storage.ReplaceAsync(Bytes("snapshot;"), CancellationToken.None);
        await storage.AppendAsync(Bytes("two;"), CancellationToken.None);

        var log = (await azurite.Service.GetBlobContainerClient(_container).GetAppendBlobClient($"{id.Value}/log").GetPropertiesAsync()).Value;
        Assert.Equal(1, lose.Lost);
        Assert.Equal("snapshot;two;", await ReadAllAsync(Storage(id)));
        Assert.Equal(2, log.BlobCommittedBlockCount);
    }

    [Fact]
    public async Task A_journal_whose_snapshot_is_not_in_its_log_reads_the_snapshot_it_knows_here_and_only_the_one_its_log_names()
    {
        var id = new JournalId($"customer/{Guid.NewGuid():N}");
        var known = new KnownSnapshots();
        await CompactedWithoutItsCopyAsync(id, known);
        var storage = Storage(id, known: known);
        await ReadAllAsync(storage);
        await storage.AppendAsync(Bytes("two;"), CancellationToken.None);
        var named = known.Get(id);
        Assert.NotNull(named);
        Assert.Equal("snapshot;two;", await ReadAllAsync(Storage(id, known: known)));

        // A guess the log does not name, whether its blob holds other bytes or is gone, is never what replay reads.
        var container = azurite.Service.GetBlobContainerClient(_container);
        var stray = $"{id.Value}/snapshot-{Guid.NewGuid():N}";
        await container.GetBlobClient(stray).UploadAsync(BinaryData.FromString("stale snapshot;"));
        known.Set(id, stray);
        Assert.Equal("snapshot;two;", await ReadAllAsync(Storage(id, known: known)));
        Assert.Equal(named, known.Get(id));

        known.Set(id, $"{id.Value}/snapshot-{Guid.NewGuid():N}");
        Assert.Equal("snapshot;two;", await ReadAllAsync(Storage(id, known: known)));

        // Erased, the journal is forgotten here too.
        var erasing = Storage(id, known: known);
        await ReadAllAsync(erasing);
        await erasing.DeleteAsync(CancellationToken.None);
        Assert.Null(known.Get(id));
        Assert.Equal("", await ReadAllAsync(Storage(id, known: known)));
    }

    [Fact]
    public void Known_snapshots_stay_within_their_capacity()
    {
        var known = new KnownSnapshots(capacity: 3);
        for (var i = 0; i < 10; i++)
        {
            known.Set(new JournalId($"customer/{i}"), $"customer/{i}/snapshot");
        }

        Assert.Equal("customer/9/snapshot", known.Get(new JournalId("customer/9")));
        Assert.Null(known.Get(new JournalId("customer/0")));
        Assert.True(Enumerable.Range(0, 10).Count(i => known.Get(new JournalId($"customer/{i}")) is not null) <= 3);
    }

    [Fact]
    public async Task A_snapshot_upload_whose_answer_was_lost_is_tried_again_and_the_compaction_completes()
    {
        var id = new JournalId($"customer/{Guid.NewGuid():N}");
        var lose = new LoseFirstAnswer(m => m.Request.Method == Azure.Core.RequestMethod.Put && m.Request.Uri.Path.Contains("/snapshot-", StringComparison.Ordinal));
        // Inside the SDK's retries, so it sends the upload again.
        var container = Container(lose, Azure.Core.HttpPipelinePosition.PerRetry);
        var storage = new AppendBlobJournalStorage(id, container, "orleans-binary", new ForcedCompactions(), new CompactionPolicy(), known: null);
        await ReadAllAsync(storage);
        await storage.AppendAsync(Bytes("one;"), CancellationToken.None);

        // The upload lands, its answer is lost, and the SDK sends it again. Sent "only if absent", the retry failed on
        // the blob its own first try had made, and the compaction with it.
        await storage.ReplaceAsync(Bytes("snapshot;"), CancellationToken.None);
        await storage.AppendAsync(Bytes("two;"), CancellationToken.None);

        Assert.Equal(1, lose.Lost);
        Assert.Equal("snapshot;two;", await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task A_crash_between_uploading_a_snapshot_and_swapping_the_log_loses_nothing()
    {
        var id = new JournalId($"customer/{Guid.NewGuid():N}");
        var storage = Storage(id);
        await ReadAllAsync(storage);
        await storage.AppendAsync(Bytes("one;"), CancellationToken.None);

        // The snapshot reached storage but the silo died before the log named it: a stray blob, never read.
        await azurite.Service.GetBlobContainerClient(_container).GetBlobClient($"{id.Value}/snapshot-{Guid.NewGuid():N}")
            .UploadAsync(BinaryData.FromString("half-done snapshot;"));
        var restarted = Storage(id);

        Assert.Equal("one;", await ReadAllAsync(restarted));
        await restarted.AppendAsync(Bytes("two;"), CancellationToken.None);
        Assert.Equal("one;two;", await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task An_erasures_compaction_and_a_deletion_remove_the_snapshots_a_crash_left_and_no_other_journals()
    {
        var grain = GrainId.Create("customer", Guid.NewGuid().ToString("N"));
        var id = JournalId.FromGrainId(grain);
        // Listed with this journal's snapshots, but a blob of another's (a key extending this one's would name it so).
        var neighbour = $"{id.Value}/snapshot-{Guid.NewGuid():N}/log";
        var container = azurite.Service.GetBlobContainerClient(_container);
        var compactions = new ForcedCompactions();
        var storage = Storage(id, compactions);
        await ReadAllAsync(storage);
        await storage.AppendAsync(Bytes("Ada's address;"), CancellationToken.None);
        // Left by compactions a crash cut short: the state before the erasure, in blobs no log names.
        await container.GetBlobClient($"{id.Value}/snapshot-{Guid.NewGuid():N}").UploadAsync(BinaryData.FromString("Ada's address, stranded;"));
        await container.GetBlobClient(neighbour).UploadAsync(BinaryData.FromString("another journal's;"));

        // A routine compaction leaves them (it costs no listing); the erasure's removes every one.
        await storage.ReplaceAsync(Bytes("routine;"), CancellationToken.None);
        Assert.Contains(await azurite.EveryBlobAsync(_container), b => Encoding.UTF8.GetString(b.Content).Contains("stranded", StringComparison.Ordinal));
        compactions.Request(grain);
        await storage.ReplaceAsync(Bytes("erased;"), CancellationToken.None);

        var afterErasure = await azurite.EveryBlobAsync(_container);
        Assert.False(compactions.IsRequested(id));
        Assert.Equal("erased;", await ReadAllAsync(Storage(id)));
        Assert.DoesNotContain(afterErasure, b => Encoding.UTF8.GetString(b.Content).Contains("Ada", StringComparison.Ordinal));
        Assert.Contains(afterErasure, b => b.Name == neighbour);

        await container.GetBlobClient($"{id.Value}/snapshot-{Guid.NewGuid():N}").UploadAsync(BinaryData.FromString("stranded again;"));
        await storage.DeleteAsync(CancellationToken.None);

        Assert.Equal([neighbour], (await azurite.EveryBlobAsync(_container)).Select(b => b.Name));
    }

    [Fact]
    public async Task An_erasures_compaction_leaves_the_snapshot_of_a_rival_that_read_the_erased_journal()
    {
        var grain = GrainId.Create("customer", Guid.NewGuid().ToString("N"));
        var id = JournalId.FromGrainId(grain);
        var (rival, atSwap, swap) = HeldAtItsSwap(id);
        Task? rivalCompaction = null;

        // The erasing writer, once it has swapped its log over (at its first delete, of the snapshot it replaced), lets
        // the rival read the erased journal and compact it up to its own swap.
        var compactions = new ForcedCompactions();
        var erasing = new AppendBlobJournalStorage(id, Container(new BeforeFirst(m => m.Request.Method == Azure.Core.RequestMethod.Delete, async () =>
            {
                await ReadAllAsync(rival);
                rivalCompaction = rival.ReplaceAsync(Bytes("rival's snapshot;"), CancellationToken.None).AsTask();
                await atSwap;
            })), "orleans-binary", compactions, new CompactionPolicy());
        await ReadAllAsync(erasing);
        await erasing.AppendAsync(Bytes("Ada's address;"), CancellationToken.None);
        await erasing.ReplaceAsync(Bytes("routine;"), CancellationToken.None);
        compactions.Request(grain);
        await erasing.ReplaceAsync(Bytes("erased;"), CancellationToken.None);
        swap.SetResult();
        await rivalCompaction!;

        // Listed after the erasing writer's swap, the rival's snapshot was deleted, and the log the rival then swapped
        // named a blob that was gone: the journal could never be read again.
        Assert.Equal("rival's snapshot;", await ReadAllAsync(Storage(id)));
        Assert.DoesNotContain(await azurite.EveryBlobAsync(_container), b => Encoding.UTF8.GetString(b.Content).Contains("Ada", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rival_compaction_refused_by_an_erasures_swap_deletes_its_own_snapshot()
    {
        var grain = GrainId.Create("customer", Guid.NewGuid().ToString("N"));
        var id = JournalId.FromGrainId(grain);
        var (rival, atSwap, swap) = HeldAtItsSwap(id);
        Task? rivalCompaction = null;

        // The rival reads the journal before the erasure and uploads its snapshot after the erasure listed the
        // snapshots, just before the erasure swaps its log over: the rival's own swap then fails.
        var compactions = new ForcedCompactions();
        var erasingSwaps = false;
        var erasing = new AppendBlobJournalStorage(id, Container(new BeforeFirst(m => Volatile.Read(ref erasingSwaps) && IsLogWrite(m), async () =>
            {
                rivalCompaction = rival.ReplaceAsync(Bytes("Ada's address, compacted;"), CancellationToken.None).AsTask();
                await atSwap;
            })), "orleans-binary", compactions, new CompactionPolicy());
        await ReadAllAsync(erasing);
        await erasing.AppendAsync(Bytes("Ada's address;"), CancellationToken.None);
        await ReadAllAsync(rival);
        compactions.Request(grain);
        Volatile.Write(ref erasingSwaps, true);
        await erasing.ReplaceAsync(Bytes("erased;"), CancellationToken.None);
        swap.SetResult();
        await Assert.ThrowsAsync<InconsistentStateException>(() => rivalCompaction!);

        // Left behind, the rival's snapshot kept the words the erasure removed from everything else.
        Assert.Equal("erased;", await ReadAllAsync(Storage(id)));
        Assert.DoesNotContain(await azurite.EveryBlobAsync(_container), b => Encoding.UTF8.GetString(b.Content).Contains("Ada", StringComparison.Ordinal));
    }

    /// <summary>A writer of the journal whose first write to its log (a compaction's swap) waits, once it is there, for <c>Swap</c>.</summary>
    private (AppendBlobJournalStorage Rival, Task AtSwap, TaskCompletionSource Swap) HeldAtItsSwap(JournalId id)
    {
        var atSwap = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var swap = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rival = new AppendBlobJournalStorage(id, Container(new BeforeFirst(IsLogWrite, async () =>
            {
                atSwap.SetResult();
                await swap.Task;
            })), "orleans-binary", new ForcedCompactions(), new CompactionPolicy());
        return (rival, atSwap.Task, swap);
    }

    /// <summary>A request that writes the log blob: its creation, a swap to a snapshot, or an append.</summary>
    private static bool IsLogWrite(Azure.Core.HttpMessage message) =>
        message.Request.Method == Azure.Core.RequestMethod.Put && message.Request.Uri.Path.EndsWith("/log", StringComparison.Ordinal);

    /// <summary>
    /// Writes "one;" to the journal and compacts it to "snapshot;", failing the snapshot's copy into the log as a silo that
    /// died between the swap and the copy would; the compaction reports that failure.
    /// </summary>
    private async Task CompactedWithoutItsCopyAsync(JournalId id, KnownSnapshots known)
    {
        var crashing = new AppendBlobJournalStorage(id, Container(new FailFirst(IsCopy)), "orleans-binary", new ForcedCompactions(), new CompactionPolicy(), known);
        await ReadAllAsync(crashing);
        await crashing.AppendAsync(Bytes("one;"), CancellationToken.None);
        await Assert.ThrowsAsync<IOException>(() => crashing.ReplaceAsync(Bytes("snapshot;"), CancellationToken.None).AsTask());
    }

    /// <summary>The append that copies a compaction's snapshot into its log: the first at offset 0 of a log that names a snapshot.</summary>
    private static bool IsCopy(Azure.Core.HttpMessage message) =>
        IsLogWrite(message) && message.Request.Uri.Query.Contains("comp=appendblock", StringComparison.Ordinal)
        && message.Request.Headers.TryGetValue("x-ms-blob-condition-appendpos", out var position) && position == "0"
        && message.Request.Content is { } content && content.TryComputeLength(out var length) && length > "snapshot;".Length;

    private Azure.Storage.Blobs.BlobContainerClient Container(
        Azure.Core.Pipeline.HttpPipelinePolicy policy, Azure.Core.HttpPipelinePosition position = Azure.Core.HttpPipelinePosition.PerCall)
    {
        var options = new Azure.Storage.Blobs.BlobClientOptions { Retry = { MaxRetries = 1, NetworkTimeout = TimeSpan.FromSeconds(10) } };
        options.AddPolicy(policy, position);
        return new Azure.Storage.Blobs.BlobServiceClient(AzuriteFixture.ConnectionString, options).GetBlobContainerClient(_container);
    }

    /// <summary>Sends the first request <c>match</c> picks, then loses its answer as a dropped connection would.</summary>
    private sealed class LoseFirstAnswer(Func<Azure.Core.HttpMessage, bool> match) : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        private int _lost;

        public int Lost => _lost;

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (match(message) && Interlocked.CompareExchange(ref _lost, 1, 0) == 0)
            {
                throw new IOException("The connection closed before the answer arrived.");
            }
        }
    }

    /// <summary>Counts the requests sent, tries included.</summary>
    private sealed class CountRequests : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        private int _count;

        public int Count => _count;

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref _count);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref _count);
            return ProcessNextAsync(message, pipeline);
        }
    }

    /// <summary>Fails the first request <c>match</c> picks before it is sent, as a silo dying just then would leave storage.</summary>
    private sealed class FailFirst(Func<Azure.Core.HttpMessage, bool> match) : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        private int _done;

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
            match(message) && Interlocked.Exchange(ref _done, 1) == 0
                ? throw new IOException("The silo stopped before this request was sent.")
                : ProcessNextAsync(message, pipeline);
    }

    /// <summary>Runs <c>before</c> once, before the first request <c>match</c> picks is sent.</summary>
    private sealed class BeforeFirst(Func<Azure.Core.HttpMessage, bool> match, Func<Task> before) : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        private int _done;

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            if (match(message) && Interlocked.Exchange(ref _done, 1) == 0)
            {
                await before();
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    [Fact]
    public async Task An_erased_customer_leaves_no_trace_in_any_blob_or_table_row()
    {
        await using var cluster = await AzureCluster.StartAsync(_container);
        var id = $"erin-{Guid.NewGuid():N}";
        var customer = cluster.Client.GetGrain<ICustomerGrain>(id);
        await customer.UpdateProfileAsync(new UpdateProfile("Erin Erasable", [new ContactPoint(Channel.Email, "erin@example.com")]));
        for (var i = 1; i <= 600; i++)
        {
            await customer.RecordInteractionAsync(new RecordInteraction($"e-{i}", Channel.Web, Direction.Inbound, Author.Customer, $"I live at {i} Forgotten Lane"));
        }

        await customer.AsReference<ICustomerStewardshipGrain>().EraseAsync();

        var blobs = await azurite.EveryBlobAsync(_container);
        var rows = await azurite.EveryRowAsync(AzureCluster.JournalTable(_container));
        Assert.Contains(blobs, b => b.Name.StartsWith("timeline-page", StringComparison.Ordinal) || b.Name.Contains("/log", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Key.StartsWith("customerdirectory", StringComparison.Ordinal));
        foreach (var (name, text) in blobs.Select(b => (b.Name, Encoding.UTF8.GetString(b.Content))).Concat(rows))
        {
            Assert.False(text.Contains("Forgotten Lane", StringComparison.Ordinal), $"{name} still holds the customer's words.");
            Assert.False(text.Contains("Erin Erasable", StringComparison.Ordinal), $"{name} still holds the customer's name.");
            Assert.False(text.Contains("erin@example.com", StringComparison.Ordinal), $"{name} still holds the customer's address.");
        }
    }
}
