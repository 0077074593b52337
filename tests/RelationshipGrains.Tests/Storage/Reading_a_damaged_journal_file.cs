using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Journaling;
using RelationshipGrains.Persistence.Files;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Testing;

namespace RelationshipGrains.Tests.Storage;

/// <summary>
/// A crash can cut a journal's first write short; damage can make its header unreadable. Only the first may be read as
/// an empty journal: taken for one, a damaged file was created anew by the next append, over every record it held.
/// </summary>
public sealed class Reading_a_damaged_journal_file : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rg-damaged-").FullName;
    private readonly GroupCommit _commit = new(false, _ => 0, _ => 0);

    public void Dispose()
    {
        _commit.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <param name="path">The journal file.</param>
    /// <param name="flushed">Whether writes are flushed to disk (<c>Storage:FlushToDisk</c>).</param>
    private LocalFileJournalStorage Journal(string path, bool flushed = true) =>
        new(new JournalId("customer/ada"), path, flushed ? _commit : null, "json", new ForcedCompactions(), new CompactionPolicy(), NullLogger.Instance);

    /// <summary>Flips one byte of the file, as damage would.</summary>
    private static async Task DamageAsync(string path, Index at)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[at] ^= 0x5A;
        await File.WriteAllBytesAsync(path, bytes);
    }

    /// <summary>Reads the file as a new activation would, expecting a refusal that leaves the file as it was.</summary>
    private async Task<InvalidDataException> RefusedAsync(string path)
    {
        var before = await File.ReadAllBytesAsync(path);
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(Journal(path)));
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        return refused;
    }

    private static async Task<string> ReadAllAsync(IJournalStorage journal)
    {
        var consumer = new CollectedJournal();
        await journal.ReadAsync(consumer, CancellationToken.None);
        return Encoding.UTF8.GetString([.. consumer.Bytes]);
    }

    [Fact]
    public async Task A_file_whose_header_is_damaged_is_refused_and_left_as_it_is()
    {
        var path = Path.Combine(_directory, "ada.journal");
        var written = Journal(path);
        await ReadAllAsync(written);
        await written.AppendAsync(new ReadOnlySequence<byte>("Ada's words;"u8.ToArray()), CancellationToken.None);
        await DamageAsync(path, 0);

        var refused = await RefusedAsync(path);

        Assert.Contains(path, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_record_whose_length_was_damaged_to_run_past_the_end_is_refused_not_cut_as_torn(int damaged)
    {
        // A crash cuts a record short, and only the last; a length that runs past the end with whole records after it
        // is damage. Read as torn, every acknowledged record from there on was cut off at the next append.
        var path = Path.Combine(_directory, "ada.journal");
        var journal = Journal(path);
        await ReadAllAsync(journal);
        foreach (var words in new[] { "first;", "second;", "third;" })
        {
            await journal.AppendAsync(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(words)), CancellationToken.None);
        }

        var offset = JournalFile.Header("json").Length + new[] { "", "first;", "first;second;" }[damaged].Length + damaged * JournalFile.RecordHeaderSize;
        // The length's highest byte: the record now claims megabytes. The last record may be the damaged one too.
        await DamageAsync(path, offset + 3);

        var refused = await RefusedAsync(path);

        Assert.Equal($"Journal file '{path}' is damaged at byte {offset}; it was not written by a crash alone.", refused.Message);
    }

    [Fact]
    public async Task A_last_record_cut_short_still_reads_as_torn()
    {
        var path = Path.Combine(_directory, "ada.journal");
        var journal = Journal(path);
        await ReadAllAsync(journal);
        await journal.AppendAsync(new ReadOnlySequence<byte>("kept;"u8.ToArray()), CancellationToken.None);
        await journal.AppendAsync(new ReadOnlySequence<byte>("cut short by a crash;"u8.ToArray()), CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..^4]);

        Assert.Equal("kept;", await ReadAllAsync(Journal(path)));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(4)]
    public async Task Zeros_a_power_cut_left_in_place_of_the_last_records_read_as_torn_and_are_cut_before_the_next_append(int zeros)
    {
        // The page that held an unflushed record's header never reached the disk, a later page of it did: zeros, then
        // its remains (with 4, the header straddled the two pages, so only its length is zeros). Read as records, the
        // zeros passed for empty ones and the remains for damage, for good.
        var path = Path.Combine(_directory, "ada.journal");
        var journal = Journal(path);
        await ReadAllAsync(journal);
        await journal.AppendAsync(new ReadOnlySequence<byte>("kept;"u8.ToArray()), CancellationToken.None);
        var whole = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, [.. whole, .. new byte[zeros], .. "remains of a record;"u8.ToArray()]);

        var reader = Journal(path);
        Assert.Equal("kept;", await ReadAllAsync(reader));
        await reader.AppendAsync(new ReadOnlySequence<byte>("after;"u8.ToArray()), CancellationToken.None);

        Assert.Equal("kept;after;", await ReadAllAsync(Journal(path)));
        Assert.Equal(whole.Length + JournalFile.RecordHeaderSize + "after;".Length, new FileInfo(path).Length);
    }

    [Fact]
    public async Task Zeros_with_a_whole_record_after_them_are_damage_and_refused()
    {
        // A crash leaves zeros only where nothing acknowledged was: a whole record after them was on the disk.
        var path = Path.Combine(_directory, "ada.journal");
        var journal = Journal(path);
        await ReadAllAsync(journal);
        await journal.AppendAsync(new ReadOnlySequence<byte>("first;"u8.ToArray()), CancellationToken.None);
        var first = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, [.. first, .. new byte[16], .. JournalFile.Record(new ReadOnlySequence<byte>("later;"u8.ToArray()))]);

        var refused = await RefusedAsync(path);

        Assert.Equal($"Journal file '{path}' is damaged at byte {first.Length}; it was not written by a crash alone.", refused.Message);
    }

    [Fact]
    public async Task No_record_is_empty_so_none_can_pass_for_zeros()
    {
        var path = Path.Combine(_directory, "ada.journal");
        var journal = Journal(path);
        await ReadAllAsync(journal);
        await journal.AppendAsync(new ReadOnlySequence<byte>("first;"u8.ToArray()), CancellationToken.None);
        var before = await File.ReadAllBytesAsync(path);

        await journal.AppendAsync(ReadOnlySequence<byte>.Empty, CancellationToken.None);

        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.Throws<ArgumentException>(() => JournalFile.Record(ReadOnlySequence<byte>.Empty));
    }

    [Fact]
    public async Task A_compacted_journal_whose_snapshot_is_damaged_is_refused_and_left_as_it_is()
    {
        // A compaction flushes its snapshot before it renames it over the journal, so no crash tears it: read as a torn
        // last record, it was dropped, the grain started empty and its next append wrote over the snapshot.
        var path = Path.Combine(_directory, "ada.journal");
        var journal = Journal(path);
        await ReadAllAsync(journal);
        await journal.AppendAsync(new ReadOnlySequence<byte>("Ada's words;"u8.ToArray()), CancellationToken.None);
        await journal.ReplaceAsync(new ReadOnlySequence<byte>("Ada's snapshot;"u8.ToArray()), CancellationToken.None);
        Assert.Equal("Ada's snapshot;", await ReadAllAsync(Journal(path)));
        await DamageAsync(path, ^3);

        var refused = await RefusedAsync(path);

        Assert.Equal($"Journal file '{path}' has a damaged snapshot; it was written whole, so this was not a crash.", refused.Message);
    }

    [Fact]
    public async Task A_compacted_journal_keeps_reading_a_torn_last_append_as_torn_and_refuses_a_lost_snapshot()
    {
        var path = Path.Combine(_directory, "ada.journal");
        var journal = Journal(path);
        await ReadAllAsync(journal);
        await journal.ReplaceAsync(new ReadOnlySequence<byte>("snapshot;"u8.ToArray()), CancellationToken.None);
        await journal.AppendAsync(new ReadOnlySequence<byte>("kept;"u8.ToArray()), CancellationToken.None);
        var compacted = await File.ReadAllBytesAsync(path);
        var torn = new byte[20];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(torn, 200);
        await File.WriteAllBytesAsync(path, [.. compacted, .. torn]);

        var reader = Journal(path);
        Assert.Equal("snapshot;kept;", await ReadAllAsync(reader));
        await reader.AppendAsync(new ReadOnlySequence<byte>("after;"u8.ToArray()), CancellationToken.None);
        Assert.Equal("snapshot;kept;after;", await ReadAllAsync(Journal(path)));

        // Only the header left of a compacted file: its snapshot is gone, which no crash does.
        await File.WriteAllBytesAsync(path, JournalFile.Header("json", writtenWhole: true));
        var refused = await RefusedAsync(path);
        Assert.Equal($"Journal file '{path}' has lost its snapshot; it was written whole, so this was not a crash.", refused.Message);
    }

    [Fact]
    public async Task A_compaction_that_is_not_flushed_to_disk_is_not_marked_written_whole()
    {
        // Without flushing, a power cut may tear the snapshot like an append; it must then read as torn, not as damage.
        var path = Path.Combine(_directory, "ada.journal");
        var unflushed = Journal(path, flushed: false);
        await ReadAllAsync(unflushed);
        await unflushed.ReplaceAsync(new ReadOnlySequence<byte>("snapshot;"u8.ToArray()), CancellationToken.None);

        Assert.Equal(JournalFile.Header("json"), (await File.ReadAllBytesAsync(path))[..JournalFile.Header("json").Length]);
    }

    [Theory]
    [InlineData(new byte[] { 0x52, 0x47 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[0])]
    public async Task What_a_crash_during_the_first_write_leaves_reads_as_an_empty_journal_that_takes_appends(byte[] left)
    {
        // The start of the header ("RG"), or space the disk never filled.
        var path = Path.Combine(_directory, "ada.journal");
        await File.WriteAllBytesAsync(path, left);
        var journal = Journal(path);

        Assert.Equal("", await ReadAllAsync(journal));
        await journal.AppendAsync(new ReadOnlySequence<byte>("first;"u8.ToArray()), CancellationToken.None);
        Assert.Equal("first;", await ReadAllAsync(Journal(path)));
    }
}
