using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using Orleans.Journaling;
using Orleans.Storage;
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

    /// <summary>Whether this activation has read or written the file, and so knows what it should hold.</summary>
    private bool _known;

    public bool IsCompactionRequested => compactions.IsRequested(id) || policy.IsDue(_appends, _appendedBytes, _snapshotBytes);

    public async ValueTask ReadAsync(IJournalStorageConsumer consumer, CancellationToken cancellationToken)
    {
        _length = _appends = 0;
        _appendedBytes = 0;
        _tailToCut = false;
        _known = true;
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

        if (JournalFile.ReadHeader(file) is not var (storedFormat, offset, writtenWhole))
        {
            if (!JournalFile.IsTornHeader(file))
            {
                throw new InvalidDataException($"Journal file '{path}' does not start with a journal header; it was not written by a crash alone.");
            }

            // A crash while the first record was written can leave a file shorter than its header.
            LogTornRecord(logger, path, 0, file.Length);
            _tailToCut = true;
            consumer.Complete(null);
            return;
        }

        var metadata = new JournalMetadata(storedFormat);
        while (offset < file.Length)
        {
            var record = JournalFile.ReadRecord(file, offset);
            if (record.Status == JournalFile.RecordStatus.Corrupt)
            {
                throw new InvalidDataException($"Journal file '{path}' is damaged at byte {offset}; it was not written by a crash alone.");
            }

            if (record.Status == JournalFile.RecordStatus.Torn && writtenWhole && _appends == 0)
            {
                // A compaction flushed its snapshot before renaming it here: no crash tears it, and read as torn it
                // was dropped, the grain started empty and its next append wrote over the snapshot.
                throw new InvalidDataException($"Journal file '{path}' has a damaged snapshot; it was written whole, so this was not a crash.");
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

        if (writtenWhole && _appends == 0)
        {
            throw new InvalidDataException($"Journal file '{path}' has lost its snapshot; it was written whole, so this was not a crash.");
        }

        _length = offset;
        _tailToCut = offset < file.Length;
        _snapshotBytes = _appendedBytes;
        _appendedBytes = 0;
        consumer.Complete(metadata);
    }

    public async ValueTask AppendAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
    {
        if (value.IsEmpty)
        {
            // Nothing to keep, and no record may be empty (JournalFile.Record).
            return;
        }

        var creating = _length == 0;
        var record = JournalFile.Record(value, creating ? JournalFile.Header(formatKey) : null);
        if (creating)
        {
            AtomicFile.EnsureFolder(path, commit);
        }

        var cut = _tailToCut;
        SafeFileHandle handle;
        try
        {
            // A new journal is made only where none is, unless this activation read one cut short before its header.
            handle = File.OpenHandle(path, !creating ? FileMode.Open : cut ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        }
        catch (IOException) when (creating && !cut && File.Exists(path))
        {
            throw TakenOver(new FileInfo(path).Length);
        }

        if (!creating && RandomAccess.GetLength(handle) is var size && !IsOurs(size))
        {
            handle.Dispose();
            throw TakenOver(size);
        }

        // Until this append is flushed it is not acknowledged, and whatever it left the next append writes over.
        _tailToCut = true;
        try
        {
            if (cut && !creating)
            {
                // A torn tail goes, on disk, before the record takes its place: cut after the write, a second crash
                // could leave this record half written with the old tail after it, which reads as damage, not as a
                // torn last record, and the journal would never read again. Rare (once after a crash), so flushed alone.
                RandomAccess.SetLength(handle, _length);
                commit?.FlushNow(handle);
            }

            // Never past what this activation knows was written. A write of one record to the operating system's
            // cache is short enough to do in the grain's turn.
            RandomAccess.Write(handle, record, _length);
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
        _known = true;
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
        // Marked whole only when it is flushed before its rename: unflushed, a power cut may tear it like an append.
        var record = JournalFile.Record(value, JournalFile.Header(formatKey, writtenWhole: commit is not null));
        // An activation that never read the file (its state came with a migration) starts it afresh from that state.
        await AtomicFile.ReplaceAsync(path, record, commit, cancellationToken, beforeRename: _known ? RequireOurs : null);
        _length = record.Length;
        _tailToCut = false;
        _appends = 0;
        _appendedBytes = 0;
        _snapshotBytes = value.Length;
        _known = true;
        compactions.Done(id, request);
    }

    public ValueTask DeleteAsync(CancellationToken cancellationToken)
    {
        RequireOurs();

        // Durable before it answers: an erasure deletes journals, and one back after a power cut would undo it.
        AtomicFile.Delete(path, commit);
        _length = _appends = 0;
        _appendedBytes = _snapshotBytes = 0;
        compactions.Done(id);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Whether a file of <paramref name="size"/> bytes is the one this activation last read or wrote. Orleans finishes
    /// deactivating an activation whose work outlives its deactivation timeout (a disk that hangs) and may start the
    /// next one beside it; the older one's late append, compaction or deletion would then land in, rename over or
    /// delete what the newer one acknowledged. Each write checks first, so the one that is behind fails instead, as an
    /// ETag does for blob and table journals. Only the instant between this check and the write is left open.
    /// </summary>
    private bool IsOurs(long? size) => !_known || size switch
    {
        null => _length == 0 || _tailToCut,
        _ when size == _length => true,
        _ => size > _length && _tailToCut,
    };

    private void RequireOurs()
    {
        var file = new FileInfo(path);
        var size = file.Exists ? file.Length : (long?)null;
        if (!IsOurs(size))
        {
            throw TakenOver(size);
        }
    }

    private InconsistentStateException TakenOver(long? size) => new(
        $"Journal file '{path}' is {(size is null ? "gone" : $"{size} bytes")} where this activation left {_length}: another activation of the grain has "
        + "written it since. This one writes nothing more; the next reads the file again.");

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Journal file {Path} could not be cut back to {Length} bytes after a failed flush: its last record was never acknowledged, and the next activation may read it.")]
    private static partial void LogUnwriteFailed(ILogger logger, Exception exception, string path, long length);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Journal file {Path} ends with a record cut short at byte {Offset} ({Bytes} bytes), left by a crash during a write that was never acknowledged; it is dropped.")]
    private static partial void LogTornRecord(ILogger logger, string path, long offset, long bytes);
}
