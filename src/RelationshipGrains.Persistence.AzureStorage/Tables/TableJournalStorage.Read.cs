using System.Buffers;
using Azure.Data.Tables;
using Orleans.Journaling;
using Orleans.Storage;
using static RelationshipGrains.Persistence.AzureStorage.Tables.JournalRows;

namespace RelationshipGrains.Persistence.AzureStorage.Tables;

/// <summary>Reading a journal back: one partition query, checked whole, replayed append by append.</summary>
public sealed partial class TableJournalStorage
{
    public async ValueTask ReadAsync(IJournalStorageConsumer consumer, CancellationToken cancellationToken)
    {
        // Rows come in pages; a writer elsewhere compacting between two pages leaves a generation read in part, so the
        // read is checked whole and taken again.
        for (var attempt = 1; ; attempt++)
        {
            Forget();
            var (head, rows) = await QueryAsync(cancellationToken);
            if (head is null)
            {
                _stale = [.. rows.Select(r => r.RowKey)];
                consumer.Complete(null);
                return;
            }

            var generation = head.GetString(Generation);
            var current = rows.Where(r => GenerationOf(r.RowKey) == generation).ToList();
            if (!IsWhole(head, current))
            {
                if (attempt < 3)
                {
                    continue;
                }

                throw new InconsistentStateException($"Journal '{id}' kept changing while it was read; this activation must reload it.", "unknown", head.ETag.ToString());
            }

            Adopt(head);
            _stale = [.. rows.Where(r => GenerationOf(r.RowKey) != generation).Select(r => r.RowKey)];
            Replay(consumer, current, new JournalMetadata(_format ?? formatKey, head.ETag.ToString()));
            return;
        }
    }

    private async Task<(TableEntity? Head, List<TableEntity> Rows)> QueryAsync(CancellationToken cancellationToken)
    {
        TableEntity? head = null;
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {_partition}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == HeadKey)
            {
                head = row;
            }
            else
            {
                rows.Add(row);
            }
        }

        return (head, rows);
    }

    /// <summary>Whether the rows are all of the head's generation (its snapshot rows, then every append row, in order) and hold every append it counts.</summary>
    private static bool IsWhole(TableEntity head, List<TableEntity> rows)
    {
        var generation = head.GetString(Generation);
        var snapshotRows = head.GetInt32(SnapshotRows) ?? -1;
        if (rows.Count != snapshotRows + (head.GetInt64(NextSequence) ?? -1))
        {
            return false;
        }

        var packed = rows.Count > snapshotRows && IsPacked(rows[^1]) ? PackedAppends(rows[^1]).Count() : 0;
        if (packed != (head.GetInt32(TailAppends) ?? 0))
        {
            return false;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var expected = i < snapshotRows ? SnapshotKey(generation, i) : AppendKey(generation, i - snapshotRows);
            if (rows[i].RowKey != expected)
            {
                return false;
            }
        }

        return true;
    }

    private void Replay(IJournalStorageConsumer consumer, List<TableEntity> rows, JournalMetadata metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        long logBytes = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (i >= _snapshotRows && IsPacked(rows[i]))
            {
                var count = 0;
                long bytes = 0;
                foreach (var append in PackedAppends(rows[i]))
                {
                    consumer.Read(append, metadata, complete: false);
                    count++;
                    bytes += append.Length;
                }

                logBytes += bytes;
                _tail = i == rows.Count - 1 ? (rows[i].RowKey, count, bytes) : (null, 0, 0);
                continue;
            }

            CopyTo(rows[i], buffer);
            var endOfSnapshot = i == _snapshotRows - 1;
            if (endOfSnapshot || (i >= _snapshotRows && IsLast(rows[i])))
            {
                // Whole appends (and the whole snapshot) at a time, each in its own array the consumer may keep.
                consumer.Read(buffer.WrittenSpan.ToArray(), metadata, complete: false);
                logBytes += endOfSnapshot ? 0 : buffer.WrittenCount;
                _snapshotBytes += endOfSnapshot ? buffer.WrittenCount : 0;
                buffer.Clear();
            }
        }

        consumer.Complete(metadata);

        // What was read is roughly what a snapshot of it would hold; appends from here count against it.
        _snapshotBytes += logBytes;
        _appends = 0;
        _appendedBytes = 0;
    }

    private void Adopt(TableEntity head)
    {
        _etag = head.ETag;
        _format = head.GetString(Format);
        _generation = head.GetString(Generation);
        _snapshotRows = head.GetInt32(SnapshotRows) ?? 0;
        _nextSequence = head.GetInt64(NextSequence) ?? 0;
        _snapshotBytes = 0;
    }
}
