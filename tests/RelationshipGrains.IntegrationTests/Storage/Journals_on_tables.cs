using System.Buffers;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Journaling;
using Orleans.Storage;
using RelationshipGrains.IntegrationTests.Infrastructure;
using RelationshipGrains.Persistence.AzureStorage.Tables;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Testing;

namespace RelationshipGrains.IntegrationTests.Storage;

/// <summary>Journals in Azure Table partitions against a real Azurite: lost answers, rivals, compaction by size, big changes, erasure.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class Journals_on_tables(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly LoseNextAnswer _lose = new();
    private TableClient _table = null!;

    public async Task InitializeAsync()
    {
        var options = new TableClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10), Delay = TimeSpan.FromMilliseconds(10) } };
        options.AddPolicy(_lose, HttpPipelinePosition.PerRetry);
        _table = await azurite.NewTableAsync(options);
    }

    public Task DisposeAsync() => _table.DeleteAsync();

    private TableJournalStorage Storage(JournalId id, CompactionPolicy? policy = null, ForcedCompactions? compactions = null) =>
        new(id, _table, "orleans-binary", compactions ?? new ForcedCompactions(), policy ?? new CompactionPolicy(), NullLogger.Instance);

    private static JournalId NewId() => JournalId.FromGrainId(NewGrainId());

    private static GrainId NewGrainId() => GrainId.Create("customerdirectory", Guid.NewGuid().ToString("N"));

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<string> ReadAllAsync(IJournalStorage storage)
    {
        var consumer = new CollectedJournal();
        await storage.ReadAsync(consumer, CancellationToken.None);
        return Encoding.UTF8.GetString([.. consumer.Bytes]);
    }

    /// <summary>Every row of the journal's partition, with its bytes as text.</summary>
    private async Task<List<(string RowKey, string Text)>> RowsAsync(JournalId id)
    {
        var partition = JournalRows.PartitionKey(id.Value);
        List<(string, string)> rows = [];
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            var bytes = new ArrayBufferWriter<byte>();
            JournalRows.CopyTo(row, bytes);
            rows.Add((row.RowKey, Encoding.UTF8.GetString(bytes.WrittenSpan)));
        }

        return rows;
    }

    [Fact]
    public async Task Transactions_whose_answers_were_lost_are_neither_lost_nor_doubled()
    {
        var id = NewId();
        var writer = Storage(id);
        await ReadAllAsync(writer);

        // The first try of each lands, its answer never arrives, and the SDK sends it again.
        _lose.Arm();
        await writer.AppendAsync(Bytes("one;"), CancellationToken.None);
        _lose.Arm();
        await writer.AppendAsync(Bytes("two;"), CancellationToken.None);
        _lose.Arm();
        await writer.ReplaceAsync(Bytes("snapshot;"), CancellationToken.None);
        await writer.AppendAsync(Bytes("three;"), CancellationToken.None);

        Assert.Equal(3, _lose.Lost);
        Assert.Equal("snapshot;three;", await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task A_snapshot_whose_first_rows_answer_was_lost_is_tried_again_and_the_compaction_completes()
    {
        var id = NewId();
        var writer = Storage(id);
        await ReadAllAsync(writer);
        await writer.AppendAsync(Bytes("one;"), CancellationToken.None);
        // Three rows: the first two go in a transaction ahead of the one that commits the head.
        var snapshot = Pattern((2 * JournalRows.RowBytes) + 11, 'S');

        // That first transaction lands, its answer is lost, and the SDK sends it again. Sent as adds, the retry failed
        // on the rows its own first try had written, and the compaction with it.
        _lose.Arm();
        await writer.ReplaceAsync(Bytes(snapshot), CancellationToken.None);
        await writer.AppendAsync(Bytes("two;"), CancellationToken.None);

        Assert.Equal(1, _lose.Lost);
        Assert.Equal(snapshot + "two;", await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task A_snapshot_written_in_another_format_is_labelled_with_it()
    {
        var id = NewId();
        var old = Storage(id);
        await ReadAllAsync(old);
        await old.AppendAsync(Bytes("old;"), CancellationToken.None);

        // Orleans Journaling moves a journal to another format by a snapshot in the new one.
        var moved = new TableJournalStorage(id, _table, "another-format", new ForcedCompactions(), new CompactionPolicy(), NullLogger.Instance);
        await ReadAllAsync(moved);
        await moved.ReplaceAsync(Bytes("new;"), CancellationToken.None);
        await moved.AppendAsync(Bytes("after;"), CancellationToken.None);
        var read = new CollectedJournal();
        await Storage(id).ReadAsync(read, CancellationToken.None);

        Assert.Equal(("another-format", "new;after;"), (read.FormatKey, Encoding.UTF8.GetString([.. read.Bytes])));
    }

    [Fact]
    public async Task A_writer_that_knows_an_older_journal_is_refused_unless_it_repeats_what_landed()
    {
        var id = NewId();
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
        await Assert.ThrowsAsync<InconsistentStateException>(() => other.ReplaceAsync(Bytes("rival snapshot;"), CancellationToken.None).AsTask());

        Assert.Equal("one;two;three;", await ReadAllAsync(Storage(id)));
        Assert.Contains(id.Value, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_whose_first_try_a_rival_appended_after_is_refused_and_the_rivals_append_kept()
    {
        var id = NewId();
        var lost = Storage(id);
        await ReadAllAsync(lost);
        await lost.AppendAsync(Bytes("one;"), CancellationToken.None);
        var rival = Storage(id);

        // "two;" lands and its answer is lost; meanwhile a rival reads it and packs "three;" into the same row, so the
        // head's next sequence is still what "two;" left. Taken for its own, the head let the next append merge over "three;".
        _lose.Arm(async () =>
        {
            await ReadAllAsync(rival);
            await rival.AppendAsync(Bytes("three;"), CancellationToken.None);
        });
        await Assert.ThrowsAsync<InconsistentStateException>(() => lost.AppendAsync(Bytes("two;"), CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<InconsistentStateException>(() => lost.AppendAsync(Bytes("four;"), CancellationToken.None).AsTask());

        Assert.Equal(1, _lose.Lost);
        Assert.Equal("one;two;three;", await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task Two_writers_creating_one_journal_cannot_both_win()
    {
        var id = NewId();
        var first = Storage(id);
        var second = Storage(id);
        await ReadAllAsync(first);
        await ReadAllAsync(second);

        await first.AppendAsync(Bytes("first;"), CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(() => second.AppendAsync(Bytes("second;"), CancellationToken.None).AsTask());

        Assert.Equal("first;", await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task A_compaction_leaves_nothing_of_the_old_bytes_behind()
    {
        var id = NewId();
        var storage = Storage(id);
        await ReadAllAsync(storage);
        await storage.AppendAsync(Bytes("secret-one;"), CancellationToken.None);
        await storage.ReplaceAsync(Bytes("snapshot-a;"), CancellationToken.None);
        await storage.AppendAsync(Bytes("after-a;"), CancellationToken.None);
        await storage.ReplaceAsync(Bytes("snapshot-b;"), CancellationToken.None);
        await storage.AppendAsync(Bytes("after-b;"), CancellationToken.None);
        await storage.Cleanup;

        var rows = await RowsAsync(id);
        Assert.Equal("snapshot-b;after-b;", await ReadAllAsync(Storage(id)));
        Assert.Equal(3, rows.Count);
        Assert.Equal(["snapshot-b;", "after-b;", ""], rows.Select(r => r.Text));
    }

    [Fact]
    public async Task A_forced_compaction_answers_only_once_nothing_it_replaced_is_left_in_storage()
    {
        var grain = NewGrainId();
        var id = JournalId.FromGrainId(grain);
        var compactions = new ForcedCompactions();
        var storage = Storage(id, compactions: compactions);
        await ReadAllAsync(storage);
        await storage.AppendAsync(Bytes("Erin Erasable's card;"), CancellationToken.None);
        await storage.ReplaceAsync(Bytes("snapshot with Erin;"), CancellationToken.None);
        await storage.AppendAsync(Bytes("another card;"), CancellationToken.None);
        var stray = JournalRows.NewGeneration();
        await _table.AddEntityAsync(new TableEntity(JournalRows.PartitionKey(id.Value), JournalRows.SnapshotKey(stray, 0)) { ["D0"] = Encoding.UTF8.GetBytes("Erin in a crashed snapshot;") });

        compactions.Request(grain);
        Assert.True(storage.IsCompactionRequested);
        await storage.ReplaceAsync(Bytes("snapshot without her;"), CancellationToken.None);

        // No waiting on the background cleanup: an erasure's compaction has deleted everything by the time it answers.
        Assert.Equal(["snapshot without her;", ""], (await RowsAsync(id)).Select(r => r.Text));
        Assert.False(storage.IsCompactionRequested);
    }

    [Fact]
    public async Task Rows_a_crashed_compaction_left_are_never_read_and_the_next_compaction_deletes_them()
    {
        var id = NewId();
        var storage = Storage(id);
        await ReadAllAsync(storage);
        await storage.AppendAsync(Bytes("one;"), CancellationToken.None);

        // The snapshot's first rows reached storage, the silo died before the head named their generation.
        var stray = JournalRows.NewGeneration();
        await _table.AddEntityAsync(new TableEntity(JournalRows.PartitionKey(id.Value), JournalRows.SnapshotKey(stray, 0)) { ["D0"] = Encoding.UTF8.GetBytes("half-done snapshot;") });
        var restarted = Storage(id);
        Assert.Equal("one;", await ReadAllAsync(restarted));
        await restarted.AppendAsync(Bytes("two;"), CancellationToken.None);
        Assert.Equal("one;two;", await ReadAllAsync(Storage(id)));

        await restarted.ReplaceAsync(Bytes("snapshot;"), CancellationToken.None);
        await restarted.Cleanup;
        Assert.DoesNotContain(await RowsAsync(id), r => r.Text.Contains("half-done", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_erasures_compaction_leaves_the_rows_of_a_rival_that_read_the_erased_journal()
    {
        var grain = NewGrainId();
        var id = JournalId.FromGrainId(grain);
        // Three rows: the first two go ahead of the commit, in a transaction of their own, as a large snapshot's do.
        var rivalSnapshot = Pattern((2 * JournalRows.RowBytes) + 10, 'r');
        var (rival, atCommit, commit) = HeldAtItsCommit(id);
        Task? rivalCompaction = null;

        // Once the erasing writer's commit has answered, the rival reads the erased journal and compacts it up to its
        // own commit.
        var compactions = new ForcedCompactions();
        var erasing = Storage(id, compactions: compactions);
        await ReadAllAsync(erasing);
        await erasing.AppendAsync(Bytes("Erin Erasable;"), CancellationToken.None);
        _lose.AfterNextBatch = async () =>
        {
            await ReadAllAsync(rival);
            rivalCompaction = rival.ReplaceAsync(Bytes(rivalSnapshot), CancellationToken.None).AsTask();
            await atCommit;
        };
        compactions.Request(grain);
        await erasing.ReplaceAsync(Bytes("erased;"), CancellationToken.None);
        commit.SetResult();
        await rivalCompaction!;

        // Queried after the erasing writer's commit, the rival's rows ahead were deleted, and the head the rival then
        // committed named rows that were gone: the journal could never be read whole again.
        Assert.Equal(rivalSnapshot, await ReadAllAsync(Storage(id)));
        Assert.DoesNotContain(await RowsAsync(id), r => r.Text.Contains("Erin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rival_compaction_refused_by_an_erasures_commit_deletes_its_own_rows()
    {
        var grain = NewGrainId();
        var id = JournalId.FromGrainId(grain);
        // Three rows: the first two go ahead of the commit, in a transaction of their own.
        var rivalSnapshot = "Erin Erasable, compacted;" + Pattern(2 * JournalRows.RowBytes, 'r');
        var (rival, atCommit, commit) = HeldAtItsCommit(id);
        Task? rivalCompaction = null;

        // The rival read the journal before the erasure and writes its rows ahead after the erasure queried the rows,
        // just before the erasure commits (its second transaction, after the first append's): the rival's commit then fails.
        var compactions = new ForcedCompactions();
        var erasing = new TableJournalStorage(id, Table(new AtBatch(2, before: async () =>
            {
                rivalCompaction = rival.ReplaceAsync(Bytes(rivalSnapshot), CancellationToken.None).AsTask();
                await atCommit;
            })), "orleans-binary", compactions, new CompactionPolicy(), NullLogger.Instance);
        await ReadAllAsync(erasing);
        await erasing.AppendAsync(Bytes("Erin Erasable;"), CancellationToken.None);
        await ReadAllAsync(rival);
        compactions.Request(grain);
        await erasing.ReplaceAsync(Bytes("erased;"), CancellationToken.None);
        commit.SetResult();
        await Assert.ThrowsAsync<InconsistentStateException>(() => rivalCompaction!);

        // Left behind, the rival's rows kept the words the erasure removed from everything else.
        Assert.Equal("erased;", await ReadAllAsync(Storage(id)));
        Assert.DoesNotContain(await RowsAsync(id), r => r.Text.Contains("Erin", StringComparison.Ordinal));
    }

    /// <summary>
    /// A writer of the journal whose second transaction waits, once it is there, for <c>Commit</c>: a compaction of three
    /// rows writes two ahead, then commits the third with the head.
    /// </summary>
    private (TableJournalStorage Rival, Task AtCommit, TaskCompletionSource Commit) HeldAtItsCommit(JournalId id)
    {
        var atCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rival = new TableJournalStorage(id, Table(new AtBatch(2, before: async () =>
            {
                atCommit.SetResult();
                await commit.Task;
            })), "orleans-binary", new ForcedCompactions(), new CompactionPolicy(), NullLogger.Instance);
        return (rival, atCommit.Task, commit);
    }

    private TableClient Table(HttpPipelinePolicy policy)
    {
        var options = new TableClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10), Delay = TimeSpan.FromMilliseconds(10) } };
        options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        return new TableServiceClient(AzuriteFixture.ConnectionString, options).GetTableClient(_table.Name);
    }

    /// <summary>Runs <c>before</c> once, before the <c>number</c>th transaction is sent.</summary>
    private sealed class AtBatch(int number, Func<Task> before) : HttpPipelinePolicy
    {
        private int _batches;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Increment(ref _batches) == number)
            {
                await before();
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    [Fact]
    public async Task A_change_larger_than_one_row_and_a_snapshot_over_several_transactions_read_back_whole()
    {
        var id = NewId();
        var storage = Storage(id);
        await ReadAllAsync(storage);
        var big = Pattern(JournalRows.RowBytes + 12_345, 'a');
        var snapshot = Pattern((5 * JournalRows.RowBytes) + 7, 'A');
        await storage.AppendAsync(Bytes("small;"), CancellationToken.None);
        await storage.AppendAsync(Bytes(big), CancellationToken.None);
        Assert.Equal("small;" + big, await ReadAllAsync(Storage(id)));

        await storage.ReplaceAsync(Bytes(snapshot), CancellationToken.None);
        await storage.AppendAsync(Bytes(big), CancellationToken.None);
        Assert.Equal(snapshot + big, await ReadAllAsync(Storage(id)));

        var tooBig = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.AppendAsync(Bytes(Pattern(TableJournalStorage.MaxAppendBytes + 1, 'x')), CancellationToken.None).AsTask());
        Assert.Contains("exceeds", tooBig.Message, StringComparison.Ordinal);
        Assert.Equal(snapshot + big, await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task Small_appends_are_packed_into_few_rows_and_read_back_in_order()
    {
        var id = NewId();
        var storage = Storage(id);
        await ReadAllAsync(storage);
        var expected = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            var text = i == 300 ? Pattern(JournalRows.ChunkBytes + 1, 'a') : $"append-{i};";
            await storage.AppendAsync(Bytes(text), CancellationToken.None);
            expected.Append(text);
        }

        // 300 small ones (240 + 60), the large one alone, then 199 small ones in a new row; and the head.
        Assert.Equal(5, (await RowsAsync(id)).Count);
        Assert.Equal(expected.ToString(), await ReadAllAsync(Storage(id)));

        // Read again, a journal packs its next append into the row it found newest.
        var reread = Storage(id);
        await ReadAllAsync(reread);
        await reread.AppendAsync(Bytes("after;"), CancellationToken.None);
        Assert.Equal(5, (await RowsAsync(id)).Count);
        Assert.Equal(expected + "after;", await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task A_read_that_finds_more_appends_in_the_newest_row_than_the_head_counts_is_refused()
    {
        var id = NewId();
        var storage = Storage(id);
        await ReadAllAsync(storage);
        await storage.AppendAsync(Bytes("one;"), CancellationToken.None);
        await storage.AppendAsync(Bytes("two;"), CancellationToken.None);

        // What a read sees when a merge lands between its page holding the row and its page holding the head.
        var newest = (await RowsAsync(id))[^2].RowKey;
        await _table.UpdateEntityAsync(new TableEntity(JournalRows.PartitionKey(id.Value), newest) { [JournalRows.PackedName(2)] = Encoding.UTF8.GetBytes("three;") }, Azure.ETag.All, TableUpdateMode.Merge);

        await Assert.ThrowsAsync<InconsistentStateException>(() => ReadAllAsync(Storage(id)));
    }

    [Fact]
    public async Task A_large_state_is_compacted_by_size_alone_not_after_a_number_of_appends()
    {
        var id = NewId();
        var policy = new CompactionPolicy { SnapshotRatio = 1, MinAppendedBytes = 0 };
        var storage = Storage(id, policy);
        await ReadAllAsync(storage);
        await storage.ReplaceAsync(Bytes(Pattern(20_000, 'a')), CancellationToken.None);

        // 199 appends of 100 bytes: far past the 100 an append blob allows, still less than the 20,000-byte snapshot.
        for (var i = 0; i < 199; i++)
        {
            await storage.AppendAsync(Bytes(Pattern(100, 'c')), CancellationToken.None);
        }

        Assert.False(storage.IsCompactionRequested);
        await storage.AppendAsync(Bytes(Pattern(100, 'c')), CancellationToken.None);
        Assert.True(storage.IsCompactionRequested);

        // Read again, the journal counts what it read as its state.
        var reread = Storage(id, policy);
        await ReadAllAsync(reread);
        Assert.False(reread.IsCompactionRequested);
    }

    [Fact]
    public async Task An_erased_journal_leaves_no_row_behind()
    {
        var id = NewId();
        var storage = Storage(id);
        await ReadAllAsync(storage);
        await storage.AppendAsync(Bytes("Erin Erasable;"), CancellationToken.None);
        await storage.ReplaceAsync(Bytes("Erin's snapshot;"), CancellationToken.None);
        await storage.AppendAsync(Bytes("erin@example.com;"), CancellationToken.None);

        var rival = Storage(id);
        await Assert.ThrowsAsync<InconsistentStateException>(() => rival.DeleteAsync(CancellationToken.None).AsTask());
        await storage.DeleteAsync(CancellationToken.None);

        Assert.Empty(await RowsAsync(id));
        Assert.Equal("", await ReadAllAsync(Storage(id)));
    }

    [Fact]
    public void Journal_ids_map_to_distinct_valid_partition_keys()
    {
        string[] ids = ["customer/a", "customer%2Fa", "customer#a", "customer?a", "customer\\a", "customer\ta", "customera"];
        var keys = ids.Select(JournalRows.PartitionKey).ToList();

        Assert.Equal(ids.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.DoesNotContain(k, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)));
        Assert.Equal("customer%2Fa", keys[0]);
    }

    private static string Pattern(int length, char start) =>
        string.Create(length, start, (span, c) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)(c + (i % 20));
            }
        });

    /// <summary>Lets the next transaction reach storage, then loses its answer as a dropped connection would.</summary>
    private sealed class LoseNextAnswer : HttpPipelinePolicy
    {
        private int _armed;
        private Func<Task>? _meanwhile;

        public int Lost { get; private set; }

        /// <summary>Arms the loss; <paramref name="meanwhile"/> runs after the transaction landed, before its answer is lost.</summary>
        public void Arm(Func<Task>? meanwhile = null) => (_meanwhile, _armed) = (meanwhile, 1);

        /// <summary>Runs once after the next transaction has been answered, before its caller hears the answer.</summary>
        public Func<Task>? AfterNextBatch { get; set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && AfterNextBatch is { } after)
            {
                AfterNextBatch = null;
                await after();
            }

            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Lost++;
                if (Interlocked.Exchange(ref _meanwhile, null) is { } meanwhile)
                {
                    await meanwhile();
                }

                throw new IOException("The connection closed before the answer arrived.");
            }
        }
    }
}
