using System.Buffers;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace RelationshipGrains.Persistence.AzureStorage.Tables;

/// <summary>
/// How a journal is laid out in its table partition. The head row (<see cref="HeadKey"/>, sorting after every data row)
/// names the current generation; a generation's rows are its snapshot's (<c>{generation}-s{index}</c>) followed by its
/// appends (<c>{generation}-t{sequence}</c>), so one partition query returns them in replay order. Generations are random,
/// so rows a failed compaction left behind can never be mistaken for those of a later one.
/// </summary>
internal static class JournalRows
{
    public const string HeadKey = "~head";
    public const string Format = "Format";
    public const string Generation = "Generation";
    public const string SnapshotRows = "SnapshotRows";
    public const string SnapshotBytes = "SnapshotBytes";
    public const string NextSequence = "NextSequence";
    public const string Appends = "Appends";
    public const string AppendedBytes = "AppendedBytes";

    /// <summary>Set on the last row of an append that spans several, so replay hands over whole appends.</summary>
    public const string Last = "Last";

    /// <summary>Azure holds at most 64 KiB in one binary property.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>Fifteen chunks keep a row under Azure's 1 MiB entity limit with room for keys.</summary>
    public const int ChunksPerRow = 15;

    public const int RowBytes = ChunkBytes * ChunksPerRow;

    private static readonly string[] ChunkNames = [.. Enumerable.Range(0, ChunksPerRow).Select(i => $"D{i}")];

    public static string NewGeneration() => Guid.NewGuid().ToString("N");

    public static string SnapshotKey(string generation, int index) => $"{generation}-s{index.ToString("D6", CultureInfo.InvariantCulture)}";

    public static string AppendKey(string generation, long sequence) => $"{generation}-t{sequence.ToString("D12", CultureInfo.InvariantCulture)}";

    public static string GenerationOf(string rowKey) => rowKey.Length > 32 && rowKey[32] == '-' ? rowKey[..32] : "";

    public static bool IsSnapshot(string rowKey) => rowKey.Length > 33 && rowKey[33] == 's';

    /// <summary>
    /// A journal id as a partition key: the characters Azure forbids in keys ('/', '\', '#', '?', controls) and '%' itself
    /// are written as %XX, so distinct ids stay distinct.
    /// </summary>
    public static string PartitionKey(string journalId)
    {
        var key = new StringBuilder(journalId.Length + 8);
        foreach (var c in journalId)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                key.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    /// <summary>Rows carrying <paramref name="value"/>, each up to <see cref="RowBytes"/>, keyed by <paramref name="keyOf"/>.</summary>
    public static List<TableEntity> Split(string partition, ReadOnlySequence<byte> value, Func<int, string> keyOf)
    {
        var bytes = value.ToArray();
        var rows = new List<TableEntity>(Math.Max(1, (bytes.Length + RowBytes - 1) / RowBytes));
        var offset = 0;
        do
        {
            var row = new TableEntity(partition, keyOf(rows.Count));
            for (var chunk = 0; chunk < ChunksPerRow && offset < bytes.Length; chunk++)
            {
                var length = Math.Min(ChunkBytes, bytes.Length - offset);
                row[ChunkNames[chunk]] = bytes.AsSpan(offset, length).ToArray();
                offset += length;
            }

            rows.Add(row);
        }
        while (offset < bytes.Length);

        rows[^1][Last] = true;
        return rows;
    }

    /// <summary>Appends a row's bytes, in chunk order, to <paramref name="into"/>.</summary>
    public static void CopyTo(TableEntity row, ArrayBufferWriter<byte> into)
    {
        foreach (var name in ChunkNames)
        {
            if (row.GetBinary(name) is not { } chunk)
            {
                return;
            }

            into.Write(chunk);
        }
    }

    public static bool IsLast(TableEntity row) => row.GetBoolean(Last) == true;
}
