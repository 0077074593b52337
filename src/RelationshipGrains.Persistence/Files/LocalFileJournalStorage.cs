using System.Buffers;
using Microsoft.Extensions.Logging;
using Orleans.Journaling;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Persistence.Files;

/// <summary>
/// One activation's journal file. Appends add one checksummed record each; a compaction writes the snapshot to a new
/// file and renames it over the old one, so a crash leaves either the old journal or the new, never a mix. With
/// <paramref name="commit"/> an append answers once it is on disk; without, once the operating system has it.
/// </summary>
public sealed partial class LocalFileJournalStorage(
    JournalId id, string path, GroupCommit? commit, string formatKey, ForcedCompactions compactions, CompactionPolicy policy, ILogger logger)
    : IJournalStorage
{
    /// <summary>Bytes of whole records in the file; appends go here, over anything torn beyond it.</summary>
    private long _length;
    private int _appends;

    /// <summary>
    /// The file may hold bytes past <see cref="_length"/> (a torn record, or an append that failed), which the next
    /// append must cut off. Only then: truncating on every append cost a metadata change per interaction (2% of the
    /// samples of an HTTP write benchmark under perf).
    /// </summary>
    private bool _tailToCut;
    private long _appendedBytes;

    /// <summary>What the journal held when last read or compacted: the size a snapshot of it would have, roughly.</summary>
    private long _snapshotBytes;

    public bool IsCompactionRequested => compactions.IsRequested(id) || policy.IsDue(_appends, _appendedBytes, _snapshotBytes);

    public async ValueTask ReadAsync(IJournalStorageConsumer consumer, CancellationToken cancellationToken)
    {
        _length = _appends = 0;
        _appendedBytes = 0;
        byte[] file;
        try
        {
            file = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            consumer.Complete(null);
            return;
        }

        if (JournalFile.ReadHeader(file) is not var (storedFormat, offset))
        {
            // A crash while the first record was written can leave a file shorter than its header.
            LogTornRecord(logger, path, 0, file.Length);
            consumer.Complete(null);
            return;
        }

        var metadata = new JournalMetadata(storedFormat);
        while (offset < file.Length)
        {
            var record = JournalFile.ReadRecord(file, offset);
            if (record.Status == JournalFile.RecordStatus.Corrupt)
            {
                throw new InvalidDataException($"Journal file '{path}' is damaged at byte {offset}, before its last record; it was not written by a crash alone.");
            }

            if (record.Status == JournalFile.RecordStatus.Torn)
            {
                LogTornRecord(logger, path, offset, file.Length - offset);
                break;
            }

            consumer.Read(record.Body, metadata, complete: false);
            offset += JournalFile.RecordHeaderSize + record.Body.Length;
            _appends++;
            _appendedBytes += record.Body.Length;
        }

        _length = offset;
        _tailToCut = offset < file.Length;
        _snapshotBytes = _appendedBytes;
        _appendedBytes = 0;
        consumer.Complete(metadata);
    }

    public async ValueTask AppendAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
    {
        var creating = _length == 0;
        var record = JournalFile.Record(value, creating ? JournalFile.Header(formatKey) : null);
        if (creating)
        {
            AtomicFile.EnsureFolder(path, commit);
        }

        var handle = File.OpenHandle(path, creating ? FileMode.Create : FileMode.Open, FileAccess.Write, FileShare.Read);
        var cut = _tailToCut;

        // Until this append is flushed it is not acknowledged, and whatever it left the next append writes over.
        _tailToCut = true;
        try
        {
            // Over a torn tail, if the last read found one; never past what this activation knows was written. A
            // write of one record to the operating system's cache is short enough to do in the grain's turn.
            RandomAccess.Write(handle, record, _length);
            if (cut)
            {
                RandomAccess.SetLength(handle, _length + record.Length);
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        if (commit is null)
        {
            handle.Dispose();
        }
        else
        {
            try
            {
                await commit.FlushAsync(handle);

                // A group's syncfs also wrote the new file's name; a flush of the file alone did not.
                if (creating && !commit.Grouped)
                {
                    commit.SyncFolder(Path.GetDirectoryName(path)!);
                }
            }
            catch
            {
                Unwrite();
                throw;
            }
        }

        _tailToCut = false;
        _length += record.Length;
        _appends++;
        _appendedBytes += value.Length;
    }

    /// <summary>
    /// Takes back an append whose flush failed. Its whole record sat in the operating system's cache, where the next
    /// activation read it: the caller's retry then found its id and was acknowledged, though nothing reached the disk.
    /// </summary>
    private void Unwrite()
    {
        try
        {
            if (_length == 0)
            {
                // It made the file: none is left, rather than one without even a header.
                File.Delete(path);
            }
            else
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.Read);
                RandomAccess.SetLength(handle, _length);
            }

            _tailToCut = false;
        }
        catch (Exception e)
        {
            LogUnwriteFailed(logger, e, path, _length);
        }
    }

    public async ValueTask ReplaceAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
    {
        var request = compactions.Pending(id);
        var record = JournalFile.Record(value, JournalFile.Header(formatKey));
        await AtomicFile.ReplaceAsync(path, record, commit, cancellationToken);
        _length = record.Length;
        _tailToCut = false;
        _appends = 0;
        _appendedBytes = 0;
        _snapshotBytes = value.Length;
        compactions.Done(id, request);
    }

    public ValueTask DeleteAsync(CancellationToken cancellationToken)
    {
        // Durable before it answers: an erasure deletes journals, and one back after a power cut would undo it.
        AtomicFile.Delete(path, commit);
        _length = _appends = 0;
        _appendedBytes = _snapshotBytes = 0;
        compactions.Done(id);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Journal file {Path} could not be cut back to {Length} bytes after a failed flush: its last record was never acknowledged, and the next activation may read it.")]
    private static partial void LogUnwriteFailed(ILogger logger, Exception exception, string path, long length);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Journal file {Path} ends with a record cut short at byte {Offset} ({Bytes} bytes), left by a crash during a write that was never acknowledged; it is dropped.")]
    private static partial void LogTornRecord(ILogger logger, string path, long offset, long bytes);
}
