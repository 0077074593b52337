using System.Buffers;
using System.Buffers.Binary;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>
/// A compaction's snapshot copied to the start of the log it swaps in, so that the journal is read back in one request.
/// The snapshot blob the log names stays the record: the copy is read only when its header names that very blob, so a
/// log whose copy never landed (a crash between the swap and the copy, or a snapshot too big to copy) reads the
/// blob as before. Layout: "RGSNAPv1", the snapshot's length (int32, little-endian), the 16 bytes of its blob name's id,
/// then the snapshot.
/// </summary>
internal static class InlineSnapshot
{
    private const int MagicBytes = 8;
    private const int HeaderBytes = MagicBytes + sizeof(int) + 16;

    /// <summary>
    /// Appended to the format a log created for a copy declares. A silo of an earlier version knows no such format and
    /// refuses to read the journal, where it would have read the copy's bytes as journal entries after the snapshot.
    /// </summary>
    private const string LayoutSuffix = "+inline-snapshot";

    private static ReadOnlySpan<byte> Magic => "RGSNAPv1"u8;

    /// <summary>Whether a snapshot of this size and its header fit in <paramref name="maxBytes"/>, which one append must hold.</summary>
    public static bool Fits(long snapshotBytes, int maxBytes) => snapshotBytes <= maxBytes - HeaderBytes;

    public static string FormatOf(string declared) =>
        declared.EndsWith(LayoutSuffix, StringComparison.Ordinal) ? declared[..^LayoutSuffix.Length] : declared;

    public static string Declared(string formatKey) => formatKey + LayoutSuffix;

    public static byte[] Frame(string snapshotName, ReadOnlySequence<byte> snapshot)
    {
        var framed = new byte[HeaderBytes + snapshot.Length];
        Magic.CopyTo(framed);
        BinaryPrimitives.WriteInt32LittleEndian(framed.AsSpan(MagicBytes), (int)snapshot.Length);
        IdOf(snapshotName).TryWriteBytes(framed.AsSpan(MagicBytes + sizeof(int), 16));
        snapshot.CopyTo(framed.AsSpan(HeaderBytes));
        return framed;
    }

    /// <summary>Splits a log that starts with a copy of <paramref name="snapshotName"/> into the copy and what follows it.</summary>
    public static bool TrySplit(ReadOnlyMemory<byte> log, string snapshotName, out ReadOnlyMemory<byte> snapshot, out ReadOnlyMemory<byte> rest)
    {
        snapshot = rest = default;
        var span = log.Span;
        if (span.Length < HeaderBytes || !span[..MagicBytes].SequenceEqual(Magic))
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(span[MagicBytes..]);
        var id = new Guid(span.Slice(MagicBytes + sizeof(int), 16));
        if (length < 0 || length > span.Length - HeaderBytes || id == Guid.Empty || id != IdOf(snapshotName))
        {
            return false;
        }

        snapshot = log.Slice(HeaderBytes, length);
        rest = log[(HeaderBytes + length)..];
        return true;
    }

    /// <summary>The id ending a snapshot's blob name ("&lt;journal&gt;/snapshot-&lt;32 hex digits&gt;").</summary>
    private static Guid IdOf(string snapshotName) =>
        snapshotName.Length >= 32 && Guid.TryParseExact(snapshotName.AsSpan(snapshotName.Length - 32), "N", out var id) ? id : Guid.Empty;
}
