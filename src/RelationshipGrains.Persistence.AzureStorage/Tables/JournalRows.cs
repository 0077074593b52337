using System.Buffers;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace RelationshipGrains.Persistence.AzureStorage.Tables;

/// <summary>
/// How a journal is laid out in its table partition. The head row (<see cref="HeadKey"/>, sorting after every data row)
/// names the current generation; a generation's rows are its snapshot's (<c>{generation}-s{index}</c>) followed by its
/// appends (<c>{generation}-t{sequence}</c>), so one partition query returns them in replay order. A row holds either
/// chunks of one value (<c>D0</c>..<c>D14</c>, a snapshot's or a large append's) or many small appends (see <see cref="PackedPerRow"/>). Generations are random,
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

    /// <summary>How many appends the newest row packs, so a read that met the row before a later merge knows it is behind.</summary>
    public const string TailAppends = "TailAppends";

    /// <summary>Set on the last row of an append that spans several, so replay hands over whole appends.</summary>
    public const string Last = "Last";

    /// <summary>Azure holds at most 64 KiB in one binary property.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>Fifteen chunks keep a row under Azure's 1 MiB entity limit with room for keys.</summary>
    public const int ChunksPerRow = 15;

    public const int RowBytes = ChunkBytes * ChunksPerRow;

    /// <summary>
    /// Appends up to one chunk are packed into the newest append row, one property each (<c>A000</c>, <c>A001</c>, ...),
    /// by a merge that sends only the new one: replay then reads a few large rows rather than one small row per change,
    /// which brought a 10,000-card directory shard back on Azurite in 187 ms instead of 355. Azure allows 252
    /// properties and 1 MiB per row.
    /// </summary>
    public const int PackedPerRow = 240;

    public const int PackedRowBytes = 900 * 1024;

    private static readonly string[] PackedNames = [.. Enumerable.Range(0, PackedPerRow).Select(i => $"A{i:D3}")];

    public static string PackedName(int index) => PackedNames[index];

    public static bool IsPacked(TableEntity row) => row.ContainsKey(PackedNames[0]);

    /// <summary>A packed row's appends, in the order they were made.</summary>
    public static IEnumerable<byte[]> PackedAppends(TableEntity row)
    {
        foreach (var name in PackedNames)
        {
            if (row.GetBinary(name) is not { } append)
            {
                yield break;
            }

            yield return append;
        }
    }

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

    /// <summary>Appends a row's bytes, in the order written, to <paramref name="into"/>.</summary>
    public static void CopyTo(TableEntity row, ArrayBufferWriter<byte> into)
    {
        foreach (var append in PackedAppends(row))
        {
            into.Write(append);
        }

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
