using System.Buffers;
using Orleans.Journaling;
using RelationshipGrains.Persistence.Journals;
using RelationshipGrains.Testing;

namespace RelationshipGrains.Tests.Storage;

/// <summary>
/// The in-memory mode's journals keep their bytes outside the GC heap (<see cref="NativeJournalBytes"/>): what goes in
/// must come out byte for byte, in order, however often the buffer has grown, and a snapshot or a deletion leaves only
/// what it should.
/// </summary>
public sealed class Keeping_journals_in_memory
{
    private static readonly JournalId Journal = new("customer/keeping");

    [Fact]
    public void Segments_come_back_in_order_byte_for_byte_across_many_growths_of_the_buffer()
    {
        using var bytes = new NativeJournalBytes();
        var written = Enumerable.Range(0, 500).Select(Segment).ToArray();
        foreach (var segment in written)
        {
            bytes.Append(new ReadOnlySequence<byte>(segment));
        }

        var read = bytes.Segments();

        Assert.Equal(written.Length, read.Length);
        for (var i = 0; i < written.Length; i++)
        {
            Assert.Equal(written[i], read[i]);
        }
    }

    [Fact]
    public void A_segment_in_several_pieces_is_kept_as_one()
    {
        using var bytes = new NativeJournalBytes();
        var whole = Segment(7);

        bytes.Append(InPieces(whole, 3));

        Assert.Equal([whole], bytes.Segments());
    }

    [Fact]
    public void A_cleared_buffer_holds_nothing_and_takes_appends_again()
    {
        using var bytes = new NativeJournalBytes();
        bytes.Append(new ReadOnlySequence<byte>(Segment(1)));

        bytes.Clear();
        Assert.Empty(bytes.Segments());
        bytes.Append(new ReadOnlySequence<byte>(Segment(2)));

        Assert.Equal([Segment(2)], bytes.Segments());
    }

    [Fact]
    public async Task A_journal_reads_back_its_appends_then_only_its_snapshot_then_nothing_once_deleted()
    {
        byte[] appended = [.. Segment(1), .. Segment(2)];
        byte[] compacted = [.. Segment(3), .. Segment(4)];
        var provider = new MemoryJournalStorageProvider();
        var storage = provider.CreateStorage(Journal);
        await storage.AppendAsync(new ReadOnlySequence<byte>(Segment(1)), CancellationToken.None);
        await storage.AppendAsync(InPieces(Segment(2), 2), CancellationToken.None);
        Assert.Equal(appended, await ReadAsync(provider));
        Assert.Equal(2, provider.AppendsSinceSnapshot(Journal));

        await storage.ReplaceAsync(new ReadOnlySequence<byte>(Segment(3)), CancellationToken.None);
        await storage.AppendAsync(new ReadOnlySequence<byte>(Segment(4)), CancellationToken.None);
        Assert.Equal(compacted, await ReadAsync(provider));
        Assert.Equal(compacted, provider.RawBytes(Journal));

        await storage.DeleteAsync(CancellationToken.None);
        Assert.Empty(await ReadAsync(provider));
        Assert.Empty(provider.RawBytes(Journal));
    }

    /// <summary>What a new activation reads, through a storage of its own as a new activation has.</summary>
    private static async Task<byte[]> ReadAsync(MemoryJournalStorageProvider provider)
    {
        var collected = new CollectedJournal();
        await provider.CreateStorage(Journal).ReadAsync(collected, CancellationToken.None);
        return [.. collected.Bytes];
    }

    /// <summary>Segments of different lengths (0 to over 2 KB) and contents, so a misplaced length or offset shows.</summary>
    private static byte[] Segment(int index) =>
        [.. Enumerable.Range(0, index * 37 % 2_100).Select(b => (byte)(b * 31 + index))];

    private static ReadOnlySequence<byte> InPieces(byte[] whole, int pieces)
    {
        var size = (whole.Length + pieces - 1) / pieces;
        var first = new Piece(whole.AsMemory(0, Math.Min(size, whole.Length)), 0);
        var last = first;
        for (var start = size; start < whole.Length; start += size)
        {
            last = last.Then(whole.AsMemory(start, Math.Min(size, whole.Length - start)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Piece : ReadOnlySequenceSegment<byte>
    {
        public Piece(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Piece Then(ReadOnlyMemory<byte> memory)
        {
            var next = new Piece(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
