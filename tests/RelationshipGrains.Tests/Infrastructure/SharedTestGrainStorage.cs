using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using RelationshipGrains.Grains.Customers;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>
/// Grain storage shared by every silo of an in-process cluster, so state outlives a killed silo. It stores
/// serialised copies with ETags (like a real store) and can be told to fail writes.
/// </summary>
public sealed class SharedTestGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string Name, GrainId Grain), (byte[] Data, string ETag)> _records = new();
    private readonly Serializer _serializer = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(CustomerJournal).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private readonly ConcurrentDictionary<(string Name, GrainId Grain), int> _reads = new();
    private volatile Func<GrainId, bool>? _failing;
    private int _refusedWrites;

    private readonly ConcurrentDictionary<(string Name, GrainId Grain), int> _writes = new();

    /// <summary>How many writes of a grain's state were stored (one whose answer was lost among them).</summary>
    public int Writes(string stateName, GrainId grainId) => _writes.GetValueOrDefault((stateName, grainId));

    /// <summary>How many times a grain's state was read.</summary>
    public int Reads(string stateName, GrainId grainId) => _reads.GetValueOrDefault((stateName, grainId));

    /// <summary>How many writes <see cref="FailWritesOf"/> refused.</summary>
    public int RefusedWrites => Volatile.Read(ref _refusedWrites);

    /// <summary>The grain whose next write is stored, then answered with an error, as a write whose answer was lost.</summary>
    public GrainId? LoseNextWriteAnswerOf { get; set; }

    /// <summary>
    /// Refuses writes of the grains <paramref name="which"/> picks until disposed: only those, since a flag for every
    /// grain also refused whatever other grains wrote meanwhile.
    /// </summary>
    public IDisposable FailWritesOf(Func<GrainId, bool> which)
    {
        _failing = which;
        return new Restore(() => _failing = null);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    private (GrainId Grain, TaskCompletionSource Arrived, TaskCompletionSource Release)? _hold;

    /// <summary>
    /// Holds the next write of <paramref name="grainId"/> until the returned release is completed, then stores it;
    /// <c>Arrived</c> completes when it is held.
    /// </summary>
    public (Task Arrived, TaskCompletionSource Release) HoldNextWriteOf(GrainId grainId)
    {
        var hold = (grainId, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _hold = hold;
        return (hold.Item2.Task, hold.Item3);
    }

    /// <summary>What storage holds for a grain, as a test would find it after a crash.</summary>
    public T? Peek<T>(string stateName, GrainId grainId) =>
        _records.TryGetValue((stateName, grainId), out var record) ? _serializer.Deserialize<T>(record.Data) : default;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _reads.AddOrUpdate((stateName, grainId), 1, (_, n) => n + 1);
        if (_records.TryGetValue((stateName, grainId), out var record))
        {
            grainState.State = _serializer.Deserialize<T>(record.Data);
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_hold is { } hold && hold.Grain == grainId)
        {
            _hold = null;
            hold.Arrived.TrySetResult();
            await hold.Release.Task;
        }

        if (_failing is { } failing && failing(grainId))
        {
            Interlocked.Increment(ref _refusedWrites);
            throw new IOException("Test storage is refusing writes.");
        }

        var key = (stateName, grainId);
        var etag = Guid.NewGuid().ToString("N");
        var data = _serializer.SerializeToArray(grainState.State);
        lock (_records)
        {
            var current = _records.TryGetValue(key, out var record) ? record.ETag : null;
            if (current != grainState.ETag)
            {
                throw new InconsistentStateException($"ETag mismatch for {grainId}", current, grainState.ETag);
            }

            _records[key] = (data, etag);
        }

        _writes.AddOrUpdate(key, 1, (_, n) => n + 1);

        if (LoseNextWriteAnswerOf == grainId)
        {
            LoseNextWriteAnswerOf = null;
            throw new IOException("Test storage stored the write but lost its answer.");
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <summary>The grain whose next delete is made, then answered with an error, as a delete whose answer was lost.</summary>
    public GrainId? LoseNextClearAnswerOf { get; set; }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        lock (_records)
        {
            // Checked as the local-file store checks it: a delete with a stale ETag is refused.
            var current = _records.TryGetValue(key, out var record) ? record.ETag : null;
            if (current != grainState.ETag)
            {
                throw new InconsistentStateException($"ETag mismatch for {grainId}", current, grainState.ETag);
            }

            _records.TryRemove(key, out _);
        }

        if (LoseNextClearAnswerOf == grainId)
        {
            LoseNextClearAnswerOf = null;
            throw new IOException("Test storage deleted the record but lost its answer.");
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
