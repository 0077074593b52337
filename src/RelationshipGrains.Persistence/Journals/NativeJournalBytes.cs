using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace RelationshipGrains.Persistence.Journals;

/// <summary>
/// A memory journal's bytes, held outside the GC heap as a journal in a file or a blob is: each segment (an append or
/// a snapshot) as its length and its bytes, in one buffer that grows by half as it fills. Kept as a byte array each,
/// a silo's journals were millions of objects that every garbage collection marked and that each promotion copied,
/// a cost no other storage puts on the silo. Freed when the journal is emptied, or with this handle once nothing
/// refers to it (a test cluster's provider, dropped). Not thread-safe: its journal locks around every call.
/// </summary>
internal sealed unsafe class NativeJournalBytes() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    private const int LengthPrefix = sizeof(int);
    private nuint _capacity;
    private nuint _length;

    public override bool IsInvalid => handle == IntPtr.Zero;

    public void Append(ReadOnlySequence<byte> segment)
    {
        var size = checked((int)segment.Length);
        var end = checked(_length + LengthPrefix + (nuint)size);
        if (end > _capacity)
        {
            Grow(end);
        }

        var target = new Span<byte>((byte*)handle + _length, LengthPrefix + size);
        BinaryPrimitives.WriteInt32LittleEndian(target, size);
        segment.CopyTo(target[LengthPrefix..]);
        _length = end;
    }

    /// <summary>Copies of the segments, in the order they were added.</summary>
    public byte[][] Segments()
    {
        var segments = new List<byte[]>();
        for (nuint offset = 0; offset < _length;)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>((byte*)handle + offset, LengthPrefix));
            segments.Add(new ReadOnlySpan<byte>((byte*)handle + offset + LengthPrefix, size).ToArray());
            offset += LengthPrefix + (nuint)size;
        }

        return [.. segments];
    }

    /// <summary>Gives the memory back; the next append allocates anew.</summary>
    public void Clear()
    {
        NativeMemory.Free((void*)handle);
        SetHandle(IntPtr.Zero);
        _capacity = _length = 0;
    }

    protected override bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        return true;
    }

    private void Grow(nuint needed)
    {
        // By half, not double: the buffer's slack is memory the in-memory mode holds for every journal.
        var capacity = Math.Max(needed, Math.Max(_capacity + (_capacity / 2), 256));
        SetHandle((IntPtr)NativeMemory.Realloc((void*)handle, capacity));
        _capacity = capacity;
    }
}
