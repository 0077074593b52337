using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Journaling;

namespace RelationshipGrains.Persistence.Journals;

/// <summary>
/// Journals kept in this process only: lost at exit, for tests and for the explicit throw-away mode. One instance
/// can be shared by every silo of an in-process test cluster, so a grain that moves finds its journal.
/// </summary>
public sealed class MemoryJournalStorageProvider(
    IOptions<JournaledStateManagerOptions> format, ForcedCompactions compactions, CompactionPolicy policy) : IJournalStorageProvider
{
    private readonly ConcurrentDictionary<string, MemoryJournal> _journals = new(StringComparer.Ordinal);

    public MemoryJournalStorageProvider() : this(new CompactionPolicy())
    {
    }

    /// <summary>
    /// For a provider shared by a test cluster's silos. Journals are labelled with the format our silos write: Orleans'
    /// default options name JSON, and a journal written in Orleans' binary format but labelled JSON cannot be read back.
    /// </summary>
    public MemoryJournalStorageProvider(CompactionPolicy policy)
        : this(Options.Create(new JournaledStateManagerOptions { JournalFormatKey = Orleans.Hosting.JournalStorageExtensions.FormatKey }),
            new ForcedCompactions(), policy)
    {
    }

    /// <summary>The forced compactions this provider honours; a silo sharing the provider must share these too.</summary>
    public ForcedCompactions Compactions => compactions;

    public IJournalStorage CreateStorage(JournalId journalId) =>
        new MemoryJournalStorage(journalId, _journals.GetOrAdd(journalId.Value, _ => new MemoryJournal()), format.Value.JournalFormatKey, compactions, policy);

    /// <summary>Every byte held for the journal, snapshot first (for tests that look for what must be gone).</summary>
    public byte[] RawBytes(JournalId journalId) => _journals.TryGetValue(journalId.Value, out var journal) ? journal.RawBytes() : [];

    /// <summary>Appends since the journal's last snapshot.</summary>
    public int AppendsSinceSnapshot(JournalId journalId) => _journals.TryGetValue(journalId.Value, out var journal) ? journal.Appends : 0;

    internal sealed class MemoryJournal
    {
        private readonly Lock _lock = new();
        private NativeJournalBytes _bytes = new();

        public string? FormatKey { get; private set; }

        public int Appends { get; private set; }

        public long AppendedBytes { get; private set; }

        public long SnapshotBytes { get; private set; }

        public void Append(ReadOnlySequence<byte> bytes, string formatKey)
        {
            lock (_lock)
            {
                FormatKey ??= formatKey;
                _bytes.Append(bytes);
                Appends++;
                AppendedBytes += bytes.Length;
            }
        }

        public void Replace(ReadOnlySequence<byte> snapshot, string formatKey)
        {
            lock (_lock)
            {
                // The old bytes go only once the snapshot is held: a failed copy leaves the journal as it was.
                var replacement = new NativeJournalBytes();
                replacement.Append(snapshot);
                _bytes.Dispose();
                _bytes = replacement;
                FormatKey = formatKey;
                Appends = 0;
                AppendedBytes = 0;
                SnapshotBytes = snapshot.Length;
            }
        }

        public void Delete()
        {
            lock (_lock)
            {
                _bytes.Clear();
                FormatKey = null;
                Appends = 0;
                AppendedBytes = 0;
                SnapshotBytes = 0;
            }
        }

        public (byte[][] Segments, string? FormatKey) Read()
        {
            lock (_lock)
            {
                return (_bytes.Segments(), FormatKey);
            }
        }

        public byte[] RawBytes()
        {
            lock (_lock)
            {
                return [.. _bytes.Segments().SelectMany(s => s)];
            }
        }
    }
}
