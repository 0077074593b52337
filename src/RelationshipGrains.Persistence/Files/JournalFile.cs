using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace RelationshipGrains.Persistence.Files;

/// <summary>
/// The layout of a journal file: a header naming the journal format, then records, each its length, a CRC-32 of its
/// bytes and the bytes. One record is one atomic append (or the snapshot that begins a compacted file), so a write
/// torn by a crash can only be the last record, and its checksum tells. A file written whole before it was given its
/// name (a compaction's) says so in its header: its first record cannot be torn, so a bad one there is damage.
/// </summary>
internal static class JournalFile
{
    public const int RecordHeaderSize = 8;
    private static readonly byte[] s_magic = "RGJ1"u8.ToArray();

    /// <summary>The header of a file written whole before it was named; older silos read it as damage, not as empty.</summary>
    private static readonly byte[] s_wholeMagic = "RGJW"u8.ToArray();

    /// <param name="formatKey">The journal format.</param>
    /// <param name="writtenWhole">The file is written whole and flushed to disk before it takes its name.</param>
    public static byte[] Header(string formatKey, bool writtenWhole = false)
    {
        var key = Encoding.ASCII.GetBytes(formatKey);
        return [.. writtenWhole ? s_wholeMagic : s_magic, checked((byte)key.Length), .. key];
    }

    /// <summary>The header's format key and length, and whether the file was written whole; null when the file does not start with one.</summary>
    public static (string FormatKey, int Length, bool WrittenWhole)? ReadHeader(ReadOnlySpan<byte> file)
    {
        if (file.Length < s_magic.Length + 1)
        {
            return null;
        }

        var magic = file[..s_magic.Length];
        var whole = magic.SequenceEqual(s_wholeMagic);
        if (!whole && !magic.SequenceEqual(s_magic))
        {
            return null;
        }

        var keyLength = file[s_magic.Length];
        var length = s_magic.Length + 1 + keyLength;
        return file.Length < length ? null : (Encoding.ASCII.GetString(file.Slice(s_magic.Length + 1, keyLength)), length, whole);
    }

    /// <summary>
    /// Whether a file without a whole header is what a crash during the journal's first write leaves: the start of a
    /// header, or bytes the disk never received (zeros). Anything else is damage, which must not be taken for an empty
    /// journal: the next append would create the file anew over every record it holds.
    /// </summary>
    public static bool IsTornHeader(ReadOnlySpan<byte> file)
    {
        var magic = Math.Min(file.Length, s_magic.Length);
        return file[..magic].SequenceEqual(s_magic.AsSpan(0, magic)) || !file.ContainsAnyExcept((byte)0);
    }

    /// <summary>One record, ready to write in a single call; never an empty one, which would read as zeros the disk never filled.</summary>
    public static byte[] Record(ReadOnlySequence<byte> payload, byte[]? prefix = null)
    {
        if (payload.IsEmpty)
        {
            throw new ArgumentException("A journal record holds at least one byte: an empty one reads back as space a crash left unfilled.", nameof(payload));
        }

        var prefixLength = prefix?.Length ?? 0;
        var record = new byte[prefixLength + RecordHeaderSize + payload.Length];
        prefix?.CopyTo(record, 0);
        var body = record.AsSpan(prefixLength + RecordHeaderSize);
        payload.CopyTo(body);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(prefixLength), checked((uint)payload.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(prefixLength + 4), Crc32.HashToUInt32(body));
        return record;
    }

    /// <summary>
    /// The record at <paramref name="offset"/>: its bytes, or why there is none. A record that runs past the end of
    /// the file (unless its checksum fits a shorter body that whole records follow: <see cref="HasDamagedLength"/>)
    /// or fails its checksum as the file's last record is a torn write; so is a length of zero that no whole record
    /// follows (<see cref="IsUnfilled"/>); anything else is corruption.
    /// </summary>
    public static RecordRead ReadRecord(ReadOnlyMemory<byte> file, int offset)
    {
        var rest = file.Span[offset..];
        if (rest.Length < RecordHeaderSize)
        {
            return new RecordRead(default, RecordStatus.Torn);
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(rest);
        var checksum = BinaryPrimitives.ReadUInt32LittleEndian(rest[4..]);
        if (length == 0)
        {
            // Whatever the checksum: a header may straddle a page boundary, of which only the first page was lost.
            return new RecordRead(default, IsUnfilled(file, offset) ? RecordStatus.Torn : RecordStatus.Corrupt);
        }

        if (length > rest.Length - RecordHeaderSize)
        {
            return new RecordRead(default, HasDamagedLength(file, offset, checksum) ? RecordStatus.Corrupt : RecordStatus.Torn);
        }

        var body = file.Slice(offset + RecordHeaderSize, (int)length);
        if (Crc32.HashToUInt32(body.Span) != checksum)
        {
            var isLast = offset + RecordHeaderSize + (int)length == file.Length;
            return new RecordRead(default, isLast ? RecordStatus.Torn : RecordStatus.Corrupt);
        }

        return new RecordRead(body, RecordStatus.Whole);
    }

    /// <summary>
    /// Whether a record that claims to run past the end of the file is a whole one whose length field was damaged:
    /// its checksum fits a shorter body, which the end of the file or a whole record follows. A crash tears a record by
    /// cutting it short (or leaves zeros the disk never filled); it never leaves a length longer than the record
    /// written. Read as torn, the damage cut every acknowledged record after it. Scanned only for a record that runs
    /// past the end: once after a crash. Neither an empty body nor a torn tail after the fit is evidence: zeros read as
    /// empty records, checksum and all, and four bytes of 0xFF carry their own checksum.
    /// </summary>
    private static bool HasDamagedLength(ReadOnlyMemory<byte> file, int offset, uint checksum)
    {
        var crc = new Crc32();
        for (var end = offset + RecordHeaderSize + 1; end <= file.Length; end++)
        {
            crc.Append(file.Span.Slice(end - 1, 1));
            if (crc.GetCurrentHashAsUInt32() == checksum && (end == file.Length || ReadWhole(file, end)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the zeros at <paramref name="offset"/> are space a crash left unfilled rather than damage. No record is
    /// empty (<see cref="Record"/>), so a length of zero is never one's: after a power cut a file may be longer than what
    /// reached the disk, zeros in place of its last records, and the start of the page that held an unflushed record's
    /// header may be lost while later pages are not. Whatever follows is then that record's remains, and nothing
    /// acknowledged, since acknowledged records are on the disk; a whole record after the zeros says otherwise. Read
    /// as records before, the zeros passed for empty ones and the remains after them for damage, and the journal was
    /// refused for good.
    /// </summary>
    private static bool IsUnfilled(ReadOnlyMemory<byte> file, int offset)
    {
        for (var candidate = offset + RecordHeaderSize; candidate <= file.Length - RecordHeaderSize; candidate++)
        {
            if (ReadWhole(file, candidate))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a whole record with a body starts at <paramref name="offset"/>, its length and checksum both right.</summary>
    private static bool ReadWhole(ReadOnlyMemory<byte> file, int offset)
    {
        var rest = file.Span[offset..];
        if (rest.Length < RecordHeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(rest) is var length && (length == 0 || length > rest.Length - RecordHeaderSize))
        {
            return false;
        }

        return Crc32.HashToUInt32(rest.Slice(RecordHeaderSize, (int)length)) == BinaryPrimitives.ReadUInt32LittleEndian(rest[4..]);
    }

    public readonly record struct RecordRead(ReadOnlyMemory<byte> Body, RecordStatus Status);

    public enum RecordStatus
    {
        Whole,
        Torn,
        Corrupt,
    }
}
