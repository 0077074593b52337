using Orleans.Storage;

namespace RelationshipGrains.Grains.Storage;

/// <summary>
/// One grain's record in grain storage, kept without a persistent-state facet (which reads on every activation): a
/// record first written by an activation that never read it costs one request, a create that fails with
/// <see cref="InconsistentStateException"/> if the record exists. Archive pages are kept this way.
/// </summary>
public sealed class DirectRecord<TState>(IGrainStorage storage, string stateName, GrainId grainId)
    where TState : class, new()
{
    private string? _etag;

    /// <summary>What storage holds as this activation last read or wrote it; null before either.</summary>
    public TState? State { get; private set; }

    /// <summary>Whether <see cref="State"/> is what storage holds (read, or written by this activation).</summary>
    public bool Known => State is not null;

    /// <summary>What storage holds: as this activation knows it, or read now.</summary>
    public async ValueTask<TState> GetAsync()
    {
        if (!Known)
        {
            await ReadAsync();
        }

        return State!;
    }

    public async Task ReadAsync()
    {
        var read = new GrainState<TState>(new TState());
        await storage.ReadStateAsync(stateName, grainId, read);
        (State, _etag) = (read.State ?? new TState(), read.RecordExists ? read.ETag : null);
    }

    /// <summary>Writes over what this activation knows of (creates the record if it knows of none).</summary>
    public async Task WriteAsync(TState state)
    {
        var written = new GrainState<TState>(state, _etag);
        try
        {
            await storage.WriteStateAsync(stateName, grainId, written);
        }
        catch
        {
            // Stored or not (an answer lost), what this activation held may no longer be what storage holds: an
            // erasure that trusted it would skip a record that has words again. The next call reads storage.
            (State, _etag) = (null, null);
            throw;
        }

        (State, _etag) = (state, written.ETag);
    }

    /// <summary>Deletes the record, read first unless this activation knows it; nothing when storage holds none.</summary>
    public async Task ClearAsync()
    {
        await GetAsync();
        if (_etag is not null)
        {
            var cleared = new GrainState<TState>(State ?? new TState(), _etag);
            try
            {
                await storage.ClearStateAsync(stateName, grainId, cleared);
            }
            catch
            {
                // As for a write: deleted or not, the ETag held may be stale, and a retry trusting it would be refused
                // until the activation went. The next call reads storage.
                (State, _etag) = (null, null);
                throw;
            }

            _etag = cleared.ETag;
        }

        State = new TState();
    }
}
