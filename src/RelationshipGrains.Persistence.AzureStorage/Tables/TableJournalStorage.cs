using System.Buffers;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Orleans.Journaling;
using Orleans.Storage;
using RelationshipGrains.Persistence.Journals;
using static RelationshipGrains.Persistence.AzureStorage.Tables.JournalRows;

namespace RelationshipGrains.Persistence.AzureStorage.Tables;

/// <summary>
/// One activation's journal in an Azure Table partition (layout in <see cref="JournalRows"/>). Every change is one
/// entity group transaction that also rewrites the head row under its ETag, so a second writer, or the SDK retrying a
/// transaction whose answer was lost, cannot land twice. Replay is one range query over rows that pack many appends, so
/// unlike an append blob (read block by block) a journal here is compacted by size alone: a grain holding much pays
/// for its snapshot in proportion to what it changes. A compaction writes the snapshot under a new generation and
/// switches the head to it in its last transaction; the old generation's rows are deleted after, and rows any crash left
/// behind belong to no generation the head names, so replay skips them and the next compaction deletes them.
/// </summary>
public sealed partial class TableJournalStorage(
    JournalId id, TableClient table, string formatKey, ForcedCompactions compactions, CompactionPolicy policy, ILogger logger) : IJournalStorage
{
    /// <summary>Two full rows fit one transaction within Azure's 4 MiB (binary travels as base64).</summary>
    private const int RowsPerTransaction = 2;

    /// <summary>Azure accepts at most 100 entities in one transaction.</summary>
    private const int DeletesPerTransaction = 100;

    /// <summary>A change must be one transaction to be atomic.</summary>
    public const int MaxAppendBytes = RowBytes * RowsPerTransaction;

    /// <summary>
    /// A bound on appends between snapshots, well above what compaction by size leaves (54,000 for a 1.8 MB shard of
    /// 200-byte upserts); packed 240 to a row, replay then reads at most about 830 append rows.
    /// </summary>
    public const int DefaultMaxAppends = 200_000;

    private readonly string _partition = PartitionKey(id.Value);
    private ETag? _etag;
    private string? _format;
    private string _generation = "";
    private int _snapshotRows;
    private long _snapshotBytes;
    private long _nextSequence;

    /// <summary>The newest append row, while it holds packed appends: where the next small append goes.</summary>
    private (string? Key, int Count, long Bytes) _tail;
    private int _appends;
    private long _appendedBytes;
    private List<string> _stale = [];
    private Task _cleanup = Task.CompletedTask;

    /// <summary>The deletion of rows the last compaction retired, for tests to wait on.</summary>
    internal Task Cleanup => _cleanup;

    public bool IsCompactionRequested =>
        compactions.IsRequested(id) || policy.IsDue(_appends, _appendedBytes, _snapshotBytes, DefaultMaxAppends);

    public async ValueTask AppendAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
    {
        if (value.Length > MaxAppendBytes)
        {
            throw new InvalidOperationException($"A change of {value.Length} bytes to journal '{id}' exceeds the {MaxAppendBytes} bytes one table transaction holds.");
        }

        var creating = _etag is null;
        var generation = creating ? NewGeneration() : _generation;
        var next = creating ? 0 : _nextSequence;
        List<TableTransactionAction> writes;
        (string? Key, int Count, long Bytes) tail = (null, 0, 0);
        if (value.Length <= ChunkBytes)
        {
            var bytes = value.ToArray();
            if (!creating && _tail.Key is { } key && _tail.Count < PackedPerRow && _tail.Bytes + bytes.Length <= PackedRowBytes)
            {
                writes = [new(TableTransactionActionType.UpdateMerge, new TableEntity(_partition, key) { [PackedName(_tail.Count)] = bytes }, ETag.All)];
                tail = (key, _tail.Count + 1, _tail.Bytes + bytes.Length);
            }
            else
            {
                tail = (AppendKey(generation, next++), 1, bytes.Length);
                writes = [new(TableTransactionActionType.Add, new TableEntity(_partition, tail.Key) { [PackedName(0)] = bytes })];
            }
        }
        else
        {
            var rows = Split(_partition, value, i => AppendKey(generation, next + i));
            next += rows.Count;
            writes = [.. rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r))];
        }

        var head = Head(generation, creating ? 0 : _snapshotRows, creating ? 0 : _snapshotBytes, next, _appends + 1, _appendedBytes + value.Length, tail.Count);
        await CommitAsync(head, writes, cancellationToken);

        _generation = generation;
        _nextSequence = next;
        _tail = tail;
        _appends++;
        _appendedBytes += value.Length;
    }

    public async ValueTask ReplaceAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
    {
        // A forced compaction erases: what it replaces must be gone from storage when the grain answers.
        var request = compactions.Pending(id);
        var forced = request is not null;
        var generation = NewGeneration();
        var rows = Split(_partition, value, i => SnapshotKey(generation, i));

        // Rows ahead of the last transaction are invisible until the head names their generation.
        for (var i = 0; i + RowsPerTransaction < rows.Count; i += RowsPerTransaction)
        {
            try
            {
                await table.SubmitTransactionAsync(rows.Skip(i).Take(RowsPerTransaction).Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // The generation is new, so only a try of this very transaction can have added its rows, whole: the SDK
                // sent it again after its answer was lost. Failed here, the compaction failed with it. (Upserts would
                // not need this, but Azurite 3.37 refuses a row of 15 full chunks as larger than 1 MB when upserted.)
            }
        }

        // An erasure's compaction deletes the rows there are before its commit, and only those: rows that appear after it
        // are a rival's that read the erased journal, whose head may name them next. Queried after the commit, they were
        // deleted under the rival's commit, and the journal could never be read whole again.
        List<string>? earlier = null;
        if (forced)
        {
            await _cleanup;
            var (_, all) = await QueryAsync(cancellationToken);
            earlier = [.. all.Where(r => GenerationOf(r.RowKey) != generation).Select(r => r.RowKey)];
        }

        // In the format written now: a snapshot is how Orleans Journaling moves a journal to another format.
        var head = Head(generation, rows.Count, value.Length, 0, 0, 0, 0, formatKey);
        var lastFrom = (rows.Count - 1) / RowsPerTransaction * RowsPerTransaction;
        try
        {
            await CommitAsync(head, [.. rows.Skip(lastFrom).Select(r => new TableTransactionAction(TableTransactionActionType.Add, r))], cancellationToken);
        }
        catch (InconsistentStateException) when (lastFrom > 0)
        {
            // Refused, another writer having changed the head: no head will name these rows. They hold the state this
            // writer read, which may be one an erasure has since removed from everything else, having queried the rows
            // before these were written.
            await DeleteRowsAsync([.. rows.Take(lastFrom).Select(r => r.RowKey)], cancellationToken);
            throw;
        }

        // A forced compaction finds what to delete by a query instead, so it also catches what this view never saw.
        var retired = forced ? [] : Retired();
        _format = formatKey;
        _generation = generation;
        _snapshotRows = rows.Count;
        _snapshotBytes = value.Length;
        _nextSequence = 0;
        _tail = (null, 0, 0);
        _appends = 0;
        _appendedBytes = 0;
        _stale = [];

        // Whatever any earlier compaction left goes too: nothing written before the commit but the new generation stays.
        // Done only then, and only by the compaction the request was made for: cleared before the deletion, a failed
        // one left the old rows for good (a retried erasure finds nothing left to change and asks for none); cleared by
        // a routine compaction under way when the request came, the erasure's own write was not taken for forced.
        if (forced)
        {
            await DeleteRowsAsync(earlier!, cancellationToken);
            compactions.Done(id, request);
            return;
        }

        // The old generation is unreachable now; deleting it is not part of the change, so the grain does not wait for it.
        var previous = _cleanup;
        _cleanup = Task.Run(async () =>
        {
            await previous;
            try
            {
                await DeleteRowsAsync(retired, CancellationToken.None);
            }
            catch (Exception e)
            {
                LogCleanupFailed(logger, id.Value, retired.Count, e);
            }
        }, CancellationToken.None);
    }

    /// <summary>Every row of the generation being replaced, and those earlier compactions left behind.</summary>
    private List<string> Retired()
    {
        List<string> retired = [.. _stale, .. Enumerable.Range(0, _snapshotRows).Select(i => SnapshotKey(_generation, i))];
        for (var sequence = 0L; _generation.Length > 0 && sequence < _nextSequence; sequence++)
        {
            retired.Add(AppendKey(_generation, sequence));
        }

        return retired;
    }

    public async ValueTask DeleteAsync(CancellationToken cancellationToken)
    {
        // Whatever a cleanup left is in the query below and deleted with the rest.
        await _cleanup;
        var (head, rows) = await QueryAsync(cancellationToken);
        if (head is not null)
        {
            if (_etag is not { } etag || head.ETag != etag)
            {
                throw new InconsistentStateException($"Journal '{id}' was changed by another writer; this activation must reload it before erasing it.", head.ETag.ToString(), _etag?.ToString() ?? "");
            }

            try
            {
                await table.DeleteEntityAsync(_partition, HeadKey, etag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                throw Conflict(e);
            }
        }

        // Erasure must leave nothing readable: every row of the partition goes, whatever generation it was.
        await DeleteRowsAsync([.. rows.Select(r => r.RowKey)], cancellationToken);
        Forget();
        compactions.Done(id);
    }

    /// <summary>Writes the head and the rows in one transaction, or confirms that a try whose answer was lost did.</summary>
    private async Task CommitAsync(TableEntity head, List<TableTransactionAction> writes, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(writes.Count + 1)
        {
            _etag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, head),
        };
        actions.AddRange(writes);
        try
        {
            var answer = await table.SubmitTransactionAsync(actions, cancellationToken);
            _etag = answer.Value[0].Headers.ETag ?? (await table.GetEntityAsync<TableEntity>(_partition, HeadKey, cancellationToken: cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // Either someone else wrote, or an earlier try of this very transaction landed and its answer was lost.
            _etag = await OwnCommitAsync(head, writes, cancellationToken) ?? throw Conflict(e);
        }
    }

    /// <summary>
    /// The head's ETag if the head stored is this one and every value written is there as written; otherwise null.
    /// The packed count too: a rival's small append after ours lands in the same packed row and leaves the next
    /// sequence as it was, and taken for our own head, its ETag let our next append merge over the rival's. (The
    /// compaction counters are each writer's own estimate, which a writer that read the journal makes afresh.)
    /// </summary>
    private async Task<ETag?> OwnCommitAsync(TableEntity head, List<TableTransactionAction> writes, CancellationToken cancellationToken)
    {
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(_partition, HeadKey, cancellationToken: cancellationToken);
        if (!stored.HasValue || stored.Value is not { } found
            || found.GetString(Generation) != head.GetString(Generation)
            || found.GetInt64(NextSequence) != head.GetInt64(NextSequence)
            || found.GetInt32(SnapshotRows) != head.GetInt32(SnapshotRows)
            || found.GetInt32(TailAppends) != head.GetInt32(TailAppends))
        {
            return null;
        }

        foreach (var write in writes)
        {
            var landed = await table.GetEntityIfExistsAsync<TableEntity>(_partition, write.Entity.RowKey, cancellationToken: cancellationToken);
            if (!landed.HasValue || !Holds(landed.Value!, (TableEntity)write.Entity))
            {
                return null;
            }
        }

        return found.ETag;
    }

    private TableEntity Head(string generation, int snapshotRows, long snapshotBytes, long nextSequence, int appends, long appendedBytes, int tailAppends, string? format = null) =>
        new(_partition, HeadKey)
        {
            [Format] = format ?? _format ?? formatKey,
            [Generation] = generation,
            [SnapshotRows] = snapshotRows,
            [SnapshotBytes] = snapshotBytes,
            [NextSequence] = nextSequence,
            [Appends] = appends,
            [AppendedBytes] = appendedBytes,
            [TailAppends] = tailAppends,
        };

    private async Task DeleteRowsAsync(List<string> keys, CancellationToken cancellationToken)
    {
        for (var i = 0; i < keys.Count; i += DeletesPerTransaction)
        {
            var batch = keys.Skip(i).Take(DeletesPerTransaction).ToList();
            try
            {
                await table.SubmitTransactionAsync(batch.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(_partition, k), ETag.All)), cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // One row of the batch was gone already (a cleanup cut short, or an erasure racing it): the rest one by one.
                foreach (var key in batch)
                {
                    await table.DeleteEntityAsync(_partition, key, ETag.All, cancellationToken);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="stored"/> holds every value <paramref name="written"/> wrote.</summary>
    private static bool Holds(TableEntity stored, TableEntity written) =>
        written.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")).All(k => written[k] switch
        {
            byte[] bytes => stored.GetBinary(k) is { } found && found.AsSpan().SequenceEqual(bytes),
            var value => Equals(stored[k], value),
        });

    private InconsistentStateException Conflict(RequestFailedException e) => JournalConflict.Of(id, e, _etag);

    private void Forget()
    {
        _etag = null;
        _format = null;
        _generation = "";
        _snapshotRows = 0;
        _nextSequence = _appends = 0;
        _tail = (null, 0, 0);
        _snapshotBytes = _appendedBytes = 0;
        _stale = [];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting {Rows} rows journal '{Journal}' no longer uses failed; the journal's next read finds them and its next compaction or erasure deletes them.")]
    private static partial void LogCleanupFailed(ILogger logger, string journal, int rows, Exception? exception);
}
