using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace RelationshipGrains.Persistence.Files;

/// <summary>
/// Small, rarely changing grain state (partners, value chains, settings) as one file per grain in the data folder,
/// for the embedded profile: Orleans ships no file storage, and production uses its Azure blob storage instead.
/// A write replaces the file whole (<see cref="AtomicFile"/>). The version in each
/// file is the ETag; the folder belongs to one silo process (<see cref="DataFolderLock"/>), which keeps the versions it
/// read and wrote. The check before a write is not atomic with it: two writes of one grain at once would need two
/// activations of it in one silo, which Orleans does not make.
/// </summary>
public sealed class LocalFileGrainStorage(IOptions<LocalFileOptions> options, Serializer serializer, GroupCommit commit) : IGrainStorage
{
    private static readonly byte[] s_header = JournalFile.Header("orleans-binary-state");
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        byte[] file;
        try
        {
            file = await File.ReadAllBytesAsync(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // A first write cut short by a crash leaves its new file beside no file. No record means no clear, which
            // would delete it, so an erasure left the words it held on disk.
            AtomicFile.Delete(path, Commit);
            _versions.TryRemove(path, out _);
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var record = JournalFile.ReadHeader(file) is var (_, offset, _) ? JournalFile.ReadRecord(file, offset) : default;
        if (record.Status != JournalFile.RecordStatus.Whole || record.Body.Length < sizeof(long))
        {
            throw new InvalidDataException($"State file '{path}' is damaged; it is only ever replaced whole, so this was not a crash.");
        }

        var version = BinaryPrimitives.ReadInt64LittleEndian(record.Body.Span);
        _versions[path] = version;
        grainState.State = serializer.Deserialize<T>(record.Body[sizeof(long)..]);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var version = CheckVersion(path, grainState.ETag) + 1;
        var body = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(body, version);
        var payload = new ReadOnlySequence<byte>([.. body, .. serializer.SerializeToArray(grainState.State)]);
        await AtomicFile.ReplaceAsync(path, JournalFile.Record(payload, s_header), Commit);
        _versions[path] = version;
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        CheckVersion(path, grainState.ETag);
        AtomicFile.Delete(path, Commit);
        _versions.TryRemove(path, out _);
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private GroupCommit? Commit => options.Value.FlushToDisk ? commit : null;

    private long CheckVersion(string path, string? etag)
    {
        var stored = _versions.TryGetValue(path, out var version) ? version : 0;
        var expected = etag is null ? 0 : long.Parse(etag, CultureInfo.InvariantCulture);
        return stored == expected
            ? stored
            : throw new InconsistentStateException($"State file '{path}' is at version {stored}, not {expected}: another activation wrote it.", stored.ToString(CultureInfo.InvariantCulture), etag ?? "");
    }

    private string PathOf(string stateName, GrainId grainId) =>
        LocalFileOptions.FileFor(options.Value.StateDirectory, $"{grainId.Type}/{stateName}:{grainId.Key}", ".state");
}
