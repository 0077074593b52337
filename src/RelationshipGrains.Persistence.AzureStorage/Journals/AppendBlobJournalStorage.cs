using System.Buffers;
using System.Runtime.ExceptionServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Orleans.Journaling;
using Orleans.Storage;
using RelationshipGrains.Persistence.Journals;

namespace RelationshipGrains.Persistence.AzureStorage;

/// <summary>
/// One activation's journal in Azure Blob Storage: an append blob of appended batches, after the snapshot its
/// metadata names. Every append states the offset it expects (<c>IfAppendPositionEqual</c>) and the blob's ETag, so
/// neither a second writer nor the SDK retrying a request whose answer was lost can append twice. A compaction uploads
/// a new snapshot, then recreates the append blob empty and pointing at it in one conditional call, then appends a copy
/// of the snapshot to it (<see cref="InlineSnapshot"/>), then deletes the old snapshot: a crash at any step leaves a
/// journal that replays to the same state. A log that starts with its snapshot's copy is read in one request;
/// otherwise the snapshot this silo last knew the journal by is read alongside the log (<see cref="KnownSnapshots"/>).
/// </summary>
public sealed class AppendBlobJournalStorage(
    JournalId id, BlobContainerClient container, string formatKey, ForcedCompactions compactions, CompactionPolicy policy,
    KnownSnapshots? known = null) : IJournalStorage
{
    /// <summary>Metadata naming the journal's format and its current snapshot blob.</summary>
    private const string FormatMetadata = "format";
    private const string SnapshotMetadata = "snapshot";
    private const string SnapshotPrefix = "snapshot-";
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>Azure's own ceiling is 50,000 blocks per append blob; a snapshot is forced well before it.</summary>
    private const int MaxBlocks = 45_000;

    /// <summary>
    /// Blocks between snapshots unless the policy names another bound. Azure serves an append blob at a fixed cost per
    /// committed block (5.7 ms each as measured in dotnet/orleans#10253: 1,000 blocks took 5.3 s to read back), and
    /// Azurite at about 60 us each; at 1,000 a customer of 2,000 entries took 19x as long to reactivate on Azurite as one
    /// of 10, at 100 it takes 2.8x. So a reactivation reads at most about half a second of blocks on Azure; the price is
    /// that a grain holding much (a directory shard of 10,000 cards) snapshots whole this often.
    /// </summary>
    public const int DefaultMaxBlocks = 100;

    /// <summary>Azure accepts at most 4 MiB in one append; a bigger change could not be one atomic append.</summary>
    private const int MaxAppendBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The largest snapshot copied into its log. A copy writes the snapshot's bytes a second time to save a request on
    /// each read; a customer's snapshot is about 100 KB, and the grains whose snapshots run to megabytes (a directory
    /// shard of 10,000 cards: 1.8 MB) snapshot often and are read rarely, so they keep the two requests.
    /// </summary>
    private const int MaxCopiedSnapshotBytes = 1024 * 1024;

    private readonly AppendBlobClient _log = container.GetAppendBlobClient($"{id.Value}/log");
    private ETag? _etag;
    private long _length;
    private int _blocks;
    private long _appendedBytes;
    private long _snapshotBytes;
    private string? _snapshot;

    public bool IsCompactionRequested =>
        compactions.IsRequested(id) || policy.IsDue(_blocks, _appendedBytes, _snapshotBytes, DefaultMaxBlocks) || _blocks >= MaxBlocks;

    public async ValueTask ReadAsync(IJournalStorageConsumer consumer, CancellationToken cancellationToken)
    {
        Forget();
        var guess = known?.Get(id);
        var guessed = guess is null ? null : GuessedSnapshotAsync(guess, cancellationToken);
        BlobDownloadResult log;
        try
        {
            log = (await _log.DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            known?.Set(id, null);
            consumer.Complete(null);
            return;
        }

        var details = log.Details;
        var format = details.Metadata.TryGetValue(FormatMetadata, out var declared) ? InlineSnapshot.FormatOf(declared) : formatKey;
        var metadata = new JournalMetadata(format, details.ETag.ToString());
        var bytes = log.Content.ToMemory();
        var entries = bytes;
        long snapshotBytes = 0;
        if (details.Metadata.TryGetValue(SnapshotMetadata, out var snapshot))
        {
            var copied = InlineSnapshot.TrySplit(bytes, snapshot, out var content, out entries);
            if (!copied)
            {
                content = ((snapshot == guess ? await guessed! : null)
                    ?? (await container.GetBlobClient(snapshot).DownloadContentAsync(cancellationToken)).Value.Content).ToMemory();
                entries = bytes;
                snapshotBytes = content.Length;
            }

            consumer.Read(content, metadata, complete: false);
            _snapshot = snapshot;
            known?.Set(id, copied ? null : snapshot);
        }
        else
        {
            known?.Set(id, null);
        }

        if (!entries.IsEmpty)
        {
            consumer.Read(entries, metadata, complete: false);
        }

        consumer.Complete(metadata);
        _etag = details.ETag;
        _length = bytes.Length;
        _blocks = details.BlobCommittedBlockCount;

        // What was read is roughly what a snapshot of it would hold; appends from here count against it.
        _snapshotBytes = snapshotBytes + bytes.Length;
        _appendedBytes = 0;
    }

    public async ValueTask AppendAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
    {
        if (value.Length > MaxAppendBytes)
        {
            throw new InvalidOperationException($"A change of {value.Length} bytes to journal '{id}' exceeds the {MaxAppendBytes} bytes Azure appends at once.");
        }

        if (_etag is null)
        {
            await CreateLogAsync(snapshot: null, new AppendBlobRequestConditions { IfNoneMatch = ETag.All }, copy: false, cancellationToken);
        }

        var bytes = value.ToArray();
        var expectedLength = _length;
        try
        {
            var appended = await _log.AppendBlockAsync(new MemoryStream(bytes), new AppendBlobAppendBlockOptions
            {
                Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = expectedLength, IfMatch = _etag },
            }, cancellationToken);
            _etag = appended.Value.ETag;
            _blocks = appended.Value.BlobCommittedBlockCount;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Either someone else wrote, or an earlier try of this very append succeeded and its answer was lost.
            await ConfirmOwnAppendAsync(bytes, expectedLength, e, cancellationToken);
        }

        _length = expectedLength + bytes.Length;
        _appendedBytes += bytes.Length;
    }

    public async ValueTask ReplaceAsync(ReadOnlySequence<byte> value, CancellationToken cancellationToken)
    {
        // A forced compaction erases: what it replaces must be gone from storage when the grain answers.
        var request = compactions.Pending(id);
        // Unconditional: the name is new, so only a try of this very upload can have written it, and when the SDK tries
        // again an upload whose answer was lost, "only if absent" failed on its own blob, and the compaction with it.
        var snapshot = $"{id.Value}/{SnapshotPrefix}{Guid.NewGuid():N}";
        await container.GetBlobClient(snapshot).UploadAsync(BinaryData.FromBytes(value.ToArray()), overwrite: true, cancellationToken);
        // An erasure's compaction deletes the snapshots there are before its swap, and only those: one that appears after
        // it is a rival's that read the erased journal, which the log may name next. Listed after the swap, it was deleted
        // while the rival swapped the log over to it, and the journal could never be read again.
        var earlier = request is null ? null : await SnapshotsAsync(except: snapshot, cancellationToken);

        // No clean-up of the new snapshot if this fails: a timed-out attempt may have swapped the log over to it before
        // the SDK's retry failed, so deleting it could cut the journal off from its state. An orphan costs only space.
        var conditions = _etag is { } etag ? new AppendBlobRequestConditions { IfMatch = etag } : new AppendBlobRequestConditions { IfNoneMatch = ETag.All };
        var copy = InlineSnapshot.Fits(value.Length, MaxCopiedSnapshotBytes);
        try
        {
            await CreateLogAsync(snapshot, conditions, copy, cancellationToken);
        }
        catch (InconsistentStateException)
        {
            // Refused, another writer having changed the log: unless the log names it (our swap landed and its answer
            // was lost), nothing ever will. It holds the state this writer read, which may be one an erasure has since
            // removed from everything else, having listed the snapshots before this one was uploaded.
            if (await NamedSnapshotAsync(cancellationToken) != snapshot)
            {
                await container.GetBlobClient(snapshot).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            }

            throw;
        }

        var replaced = _snapshot;
        _snapshot = snapshot;
        known?.Set(id, snapshot);
        _length = _blocks = 0;
        _appendedBytes = 0;
        _snapshotBytes = value.Length;

        // Before the deletes, so that a rival reading the journal meanwhile reads it whole, copy and all; a copy that
        // fails fails the compaction only after them, which the log no longer needs either way.
        var copyFailed = copy ? await CopyIntoLogAsync(snapshot, value, cancellationToken) : null;
        if (replaced is not null)
        {
            // The old snapshot is unreachable now; should this delete fail, it is only space, never read again.
            await container.GetBlobClient(replaced).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }

        // Done only once the erasure's compaction has removed everything, and only by the compaction it asked for: a
        // routine one under way when the request came must not clear it. Snapshots this view never knew (a swap whose
        // answer was lost, a compaction cut short by a crash, a delete that failed) hold the state before the erasure.
        if (request is not null)
        {
            foreach (var name in earlier!)
            {
                await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            }

            compactions.Done(id, request);
        }

        copyFailed?.Throw();
    }

    /// <summary>
    /// Appends the snapshot's copy to the log just swapped over to it. Reading the log and the snapshot took two requests,
    /// even side by side slower than one: Azurite answers them one after the other, and a silo that did not know the
    /// snapshot's name sent the second after the first's answer. A customer of 100,000 entries took 2.06-2.40x as long to
    /// reactivate on Azurite as one of 10, 1.75x with the copy. Conditional like any append: a rival that wrote since
    /// keeps its log, and this writer conflicts.
    /// </summary>
    private async Task<ExceptionDispatchInfo?> CopyIntoLogAsync(string snapshot, ReadOnlySequence<byte> value, CancellationToken cancellationToken)
    {
        var framed = InlineSnapshot.Frame(snapshot, value);
        try
        {
            try
            {
                var appended = await _log.AppendBlockAsync(new MemoryStream(framed), new AppendBlobAppendBlockOptions
                {
                    Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = 0, IfMatch = _etag },
                }, cancellationToken);
                _etag = appended.Value.ETag;
                _blocks = appended.Value.BlobCommittedBlockCount;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                await ConfirmOwnAppendAsync(framed, expectedLength: 0, e, cancellationToken);
            }
        }
        catch (Exception e) when (e is RequestFailedException or InconsistentStateException or IOException)
        {
            return ExceptionDispatchInfo.Capture(e);
        }

        // The copy is not a change: compaction is due by what is appended after it, as after any snapshot.
        _length = framed.Length;
        known?.Set(id, null);
        return null;
    }

    public async ValueTask DeleteAsync(CancellationToken cancellationToken)
    {
        if (_etag is { } etag)
        {
            try
            {
                await _log.DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = etag }, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                throw Conflict(e);
            }
        }

        // Every snapshot of the journal, not only the one this view knows: see ReplaceAsync.
        await DeleteSnapshotsAsync(except: null, cancellationToken);
        Forget();
        known?.Set(id, null);
        compactions.Done(id);
    }

    private async Task DeleteSnapshotsAsync(string? except, CancellationToken cancellationToken)
    {
        var found = await SnapshotsAsync(except, cancellationToken);

        // Read after listing: another writer that took the journal over since names its own snapshot, which stays.
        var named = found.Count == 0 ? null : await NamedSnapshotAsync(cancellationToken);
        foreach (var name in found.Where(n => n != named))
        {
            await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    /// <summary>Every snapshot of this journal in the container but <paramref name="except"/>.</summary>
    private async Task<List<string>> SnapshotsAsync(string? except, CancellationToken cancellationToken)
    {
        var prefix = $"{id.Value}/{SnapshotPrefix}";
        List<string> found = [];
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            // Exactly a snapshot name, "<prefix><32 hex digits>": a grain whose key extends this one's is not touched.
            if (blob.Name != except && blob.Name.Length == prefix.Length + 32 && !blob.Name.AsSpan(prefix.Length).ContainsAnyExcept(HexDigits))
            {
                found.Add(blob.Name);
            }
        }

        return found;
    }

    private async Task<string?> NamedSnapshotAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _log.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata.TryGetValue(SnapshotMetadata, out var name) ? name : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// The content of the snapshot this silo last knew the journal by, or null if it cannot be had: a guess only saves a
    /// round trip, so its failure is not an error; the snapshot the log names is then read the usual way, which reports it.
    /// </summary>
    private async Task<BinaryData?> GuessedSnapshotAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (Exception)
        {
            // Nothing awaits a guess the log does not name, so nothing may escape it either.
            return null;
        }
    }

    private async Task CreateLogAsync(string? snapshot, AppendBlobRequestConditions conditions, bool copy, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string> { [FormatMetadata] = copy ? InlineSnapshot.Declared(formatKey) : formatKey };
        if (snapshot is not null)
        {
            metadata[SnapshotMetadata] = snapshot;
        }

        try
        {
            var created = await _log.CreateAsync(new AppendBlobCreateOptions { Metadata = metadata, Conditions = conditions }, cancellationToken);
            _etag = created.Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // A first creation whose answer was lost fails this way when the SDK tries it again (three times in one kill
            // test, each surfacing as a failed call). An empty log in our format with no snapshot is all such a creation
            // leaves, and taking it over is safe: the append that follows is conditional on its ETag and on position 0,
            // so should another writer have made it, only one of the two appends can land.
            _etag = snapshot is null ? await EmptyLogAsync(cancellationToken) : null;
            if (_etag is null)
            {
                throw Conflict(e);
            }
        }
    }

    /// <summary>The ETag of the log if it is empty, in this journal's format and names no snapshot; otherwise null.</summary>
    private async Task<ETag?> EmptyLogAsync(CancellationToken cancellationToken)
    {
        try
        {
            var found = (await _log.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            var empty = found.ContentLength == 0 && found.Metadata.TryGetValue(FormatMetadata, out var format) && format == formatKey
                && !found.Metadata.ContainsKey(SnapshotMetadata);
            return empty ? found.ETag : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Accepts the failed append as done only if the blob holds exactly this activation's journal followed by these bytes.</summary>
    private async Task ConfirmOwnAppendAsync(byte[] bytes, long expectedLength, RequestFailedException failure, CancellationToken cancellationToken)
    {
        BlobProperties properties;
        BinaryData tail;
        try
        {
            properties = (await _log.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (properties.ContentLength != expectedLength + bytes.Length)
            {
                throw Conflict(failure);
            }

            tail = (await _log.DownloadContentAsync(new BlobDownloadOptions
            {
                Range = new HttpRange(expectedLength, bytes.Length),
                Conditions = new BlobRequestConditions { IfMatch = properties.ETag },
            }, cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412 or 416)
        {
            throw Conflict(failure);
        }

        var snapshotNow = properties.Metadata.TryGetValue(SnapshotMetadata, out var s) ? s : null;
        if (snapshotNow != _snapshot || !tail.ToMemory().Span.SequenceEqual(bytes))
        {
            throw Conflict(failure);
        }

        _etag = properties.ETag;
        _blocks = properties.BlobCommittedBlockCount;
    }

    private InconsistentStateException Conflict(RequestFailedException e) => JournalConflict.Of(id, e, _etag);

    private void Forget()
    {
        _etag = null;
        _snapshot = null;
        _length = _blocks = 0;
        _appendedBytes = _snapshotBytes = 0;
    }
}
