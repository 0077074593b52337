using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Journaling;

namespace RelationshipGrains.Grains.Customers;

/// <summary>The entry ids a customer remembers, each to the sequence it produced (<see cref="EntryIdIndex"/>).</summary>
public interface IEntryIdIndex
{
    bool TryGet(EntryIdKey key, out long sequence);

    void Remember(EntryIdKey key, long sequence);

    /// <summary>
    /// Forgets the retry ids of sequences up to <paramref name="oldest"/>, and as many of the oldest subjects among them as
    /// keep the subjects remembered to <paramref name="subjectsKept"/>.
    /// </summary>
    void ForgetThrough(long oldest, int subjectsKept);

    void Clear();
}

/// <summary>
/// A customer's entry ids as a journaled state of its own, in records of its own: a key is its 16 hash bytes, and a
/// snapshot is one record of them all. As an Orleans Journaling dictionary of text keys, the 2,100 ids of a long
/// conversation were 63 KB of its 116 KB snapshot, and reading them back took more than half of the snapshot's 1.25 ms
/// (perf, reactivating a customer of 100,000 entries on Azurite); forgetting a page of ids took a record per id.
/// Journals an earlier version wrote hold that dictionary's records under the same name: they are read with its codec.
/// </summary>
public sealed class EntryIdIndex(IDurableDictionaryCommandCodec<string, long> earlierCodec)
    : IEntryIdIndex, IStateMachine, IDurableDictionaryCommandHandler<string, long>
{
    // First bytes of this state's records. The dictionary codec of earlier journals starts its records with its command
    // (0-3) as an Orleans variable-length integer, an odd byte (1, 3, 5, 7), so the two never mix up.
    private const byte ForgetRecord = 0x12;
    private const byte ClearRecord = 0x14;

    // Remembering and snapshots have new first bytes since 2026-12-07, when a customer's journal began to hold events
    // stored as references to its timeline entries (OutboxMessage.Entry), which the version of 2026-12-06 would read as
    // events without JSON and drop. That version hands a first byte it does not know to the dictionary codec, which
    // reads 0x1A and 0x1E as the start of a two-byte command of at least 6 and 7, and fails the activation: a customer
    // this version wrote activates on upgraded silos only. Every write that stores such an event remembers an id.
    private const byte RememberRecord = 0x1A;
    private const byte SnapshotRecord = 0x1E;
    private const byte RememberRecordOf20261206 = 0x10;
    private const byte SnapshotRecordOf20261206 = 0x16;

    /// <summary>The first bytes of the records a silo of 2026-12-06 must refuse (see the comment above).</summary>
    internal static IReadOnlyList<byte> RecordsEarlierSilosRefuse { get; } = [RememberRecord, SnapshotRecord];

    private const int KeyBytes = 16;
    private const int MaxVarint = 10;

    /// <summary>
    /// For <see cref="IDurableStateManager.GetOrAddState{TState}(string)"/>: transient, unlike Journaling's own
    /// registrations, for the reason <c>DurableStateLifetimes</c> gives (the manager holds the instance already).
    /// </summary>
    public static void Register(IServiceCollection services) =>
        services.AddKeyedTransient<IEntryIdIndex>(KeyedService.AnyKey, static (sp, _) => new EntryIdIndex(
            sp.GetRequiredKeyedService<IDurableDictionaryCommandCodec<string, long>>(sp.GetRequiredService<IOptions<JournaledStateManagerOptions>>().Value.JournalFormatKey)));

    /// <summary>Hash to the sequence shifted left by one, its lowest bit set for a subject.</summary>
    private readonly Dictionary<Key, long> _items = [];
    private JournalStreamWriter _writer;

    public bool TryGet(EntryIdKey key, out long sequence)
    {
        var found = _items.TryGetValue(key.Hash, out var packed);
        sequence = packed >> 1;
        return found;
    }

    public void Remember(EntryIdKey key, long sequence)
    {
        var packed = Pack(sequence, key.NamesSubject);
        using (var entry = _writer.BeginEntry())
        {
            var span = entry.Writer.GetSpan(1 + KeyBytes + MaxVarint);
            span[0] = RememberRecord;
            BinaryPrimitives.WriteUInt128LittleEndian(span[1..], key.Hash);
            var length = 1 + KeyBytes + WriteVarint(span[(1 + KeyBytes)..], (ulong)packed);
            entry.Writer.Advance(length);
            entry.Commit();
        }

        _items[key.Hash] = packed;
    }

    public void ForgetThrough(long oldest, int subjectsKept)
    {
        List<(UInt128 Hash, long Sequence)> subjects = [];
        var retries = false;
        foreach (var (hash, packed) in _items)
        {
            if ((packed & 1) == 1)
            {
                subjects.Add((hash, packed >> 1));
            }
            else
            {
                retries |= packed >> 1 <= oldest;
            }
        }

        // The oldest first; the record names them, so a replay forgets exactly these.
        var forgottenSubjects = subjects.Count <= subjectsKept ? [] : subjects.Where(s => s.Sequence <= oldest)
            .OrderBy(s => s.Sequence).Take(subjects.Count - subjectsKept).Select(s => s.Hash).ToList();
        if (!retries && forgottenSubjects.Count == 0)
        {
            return;
        }

        using (var entry = _writer.BeginEntry())
        {
            var span = entry.Writer.GetSpan(1 + 2 * MaxVarint + forgottenSubjects.Count * KeyBytes);
            span[0] = ForgetRecord;
            var length = 1 + WriteVarint(span[1..], ZigZag(oldest));
            length += WriteVarint(span[length..], (ulong)forgottenSubjects.Count);
            foreach (var hash in forgottenSubjects)
            {
                BinaryPrimitives.WriteUInt128LittleEndian(span[length..], hash);
                length += KeyBytes;
            }

            entry.Writer.Advance(length);
            entry.Commit();
        }

        ApplyForget(oldest, forgottenSubjects);
    }

    public void Clear()
    {
        using (var entry = _writer.BeginEntry())
        {
            entry.Writer.GetSpan(1)[0] = ClearRecord;
            entry.Writer.Advance(1);
            entry.Commit();
        }

        _items.Clear();
    }

    void IStateMachine.ReplayEntry(JournalEntry entry, JournalReplayContext context)
    {
        var reader = entry.Reader;
        Span<byte> first = stackalloc byte[1];
        if (!reader.TryPeek(first) || !IsOwnRecord(first[0]))
        {
            context.GetRequiredCommandCodec(entry.FormatKey, earlierCodec).Apply(reader, this);
            return;
        }

        var length = reader.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Apply(reader.Peek(length, rented));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool IsOwnRecord(byte first) =>
        first is RememberRecord or ForgetRecord or ClearRecord or SnapshotRecord or RememberRecordOf20261206 or SnapshotRecordOf20261206;

    private void Apply(ReadOnlySpan<byte> record)
    {
        var position = 1;
        switch (record[0])
        {
            case RememberRecord or RememberRecordOf20261206:
                _items[ReadKey(record, ref position)] = (long)ReadVarint(record, ref position);
                break;
            case ForgetRecord:
                var oldest = UnZigZag(ReadVarint(record, ref position));
                var count = checked((int)ReadVarint(record, ref position));
                List<UInt128> subjects = new(count);
                for (var i = 0; i < count; i++)
                {
                    subjects.Add(ReadKey(record, ref position));
                }

                ApplyForget(oldest, subjects);
                break;
            case ClearRecord:
                _items.Clear();
                break;
            case SnapshotRecord or SnapshotRecordOf20261206:
                var items = checked((int)ReadVarint(record, ref position));
                _items.Clear();
                _items.EnsureCapacity(items);
                for (var i = 0; i < items; i++)
                {
                    var key = ReadKey(record, ref position);
                    _items[key] = (long)ReadVarint(record, ref position);
                }

                break;
            default:
                throw new InvalidDataException($"An entry-id record starts with 0x{record[0]:X2}, which is not one of this state's.");
        }

        if (position != record.Length)
        {
            throw new InvalidDataException($"An entry-id record of {record.Length} bytes held {record.Length - position} bytes after its end.");
        }
    }

    private void ApplyForget(long oldest, List<UInt128> subjects)
    {
        List<UInt128> forgotten = [.. subjects];
        foreach (var (hash, packed) in _items)
        {
            if ((packed & 1) == 0 && packed >> 1 <= oldest)
            {
                forgotten.Add(hash);
            }
        }

        foreach (var hash in forgotten)
        {
            _items.Remove(hash);
        }
    }

    void IStateMachine.Reset(JournalStreamWriter writer)
    {
        _items.Clear();
        _writer = writer;
    }

    void IStateMachine.OnRecoveryCompleted()
    {
    }

    void IStateMachine.WritePendingEntries(JournalStreamWriter writer)
    {
        // Every change writes its record as it is made.
    }

    void IStateMachine.WriteSnapshot(JournalStreamWriter writer)
    {
        using var entry = writer.BeginEntry();
        var output = entry.Writer;
        var span = output.GetSpan(1 + MaxVarint);
        span[0] = SnapshotRecord;
        output.Advance(1 + WriteVarint(span[1..], (ulong)_items.Count));
        foreach (var (hash, packed) in _items)
        {
            span = output.GetSpan(KeyBytes + MaxVarint);
            BinaryPrimitives.WriteUInt128LittleEndian(span, hash);
            output.Advance(KeyBytes + WriteVarint(span[KeyBytes..], (ulong)packed));
        }

        entry.Commit();
    }

    void IStateMachine.OnWriteCompleted()
    {
    }

    // Records of a journal an earlier version wrote, keys as text.
    void IDurableDictionaryCommandHandler<string, long>.ApplySet(string key, long value)
    {
        var stored = EntryIdKey.FromStored(key);
        _items[stored.Hash] = Pack(value, stored.NamesSubject);
    }

    void IDurableDictionaryCommandHandler<string, long>.ApplyRemove(string key) => _items.Remove(EntryIdKey.FromStored(key).Hash);

    void IDurableDictionaryCommandHandler<string, long>.ApplyClear() => _items.Clear();

    void IDurableDictionaryCommandHandler<string, long>.Reset(int capacityHint)
    {
        _items.Clear();
        _items.EnsureCapacity(capacityHint);
    }

    /// <summary>
    /// A hash as two halves: <see cref="UInt128"/> is aligned to 16 bytes, so a dictionary entry holding one took 48 B
    /// where this takes 32 (2,100 ids: 100 KB against 67).
    /// </summary>
    private readonly record struct Key(ulong Low, ulong High)
    {
        public static implicit operator Key(UInt128 hash) => new((ulong)hash, (ulong)(hash >> 64));

        public static implicit operator UInt128(Key key) => new(key.High, key.Low);

        // Bits of SHA-256: the low ones are as evenly spread as any mix of them would be.
        public override int GetHashCode() => (int)Low;
    }

    private static long Pack(long sequence, bool subject) => sequence << 1 | (subject ? 1L : 0L);

    private static ulong ZigZag(long value) => (ulong)(value << 1 ^ value >> 63);

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static UInt128 ReadKey(ReadOnlySpan<byte> record, ref int position)
    {
        var key = BinaryPrimitives.ReadUInt128LittleEndian(record.Slice(position, KeyBytes));
        position += KeyBytes;
        return key;
    }

    private static int WriteVarint(Span<byte> destination, ulong value)
    {
        var length = 0;
        while (value >= 0x80)
        {
            destination[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[length++] = (byte)value;
        return length;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> record, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = record[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("An entry-id record holds a number longer than 64 bits.");
    }
}
