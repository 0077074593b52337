using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Grains.Storage;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; if the write fails, reloads what storage holds so the grain never serves a change that was
    /// not acknowledged. If storage cannot even be read, the activation is retired so a fresh one reads it later.
    /// With an outbox, its reminder is secured before the write and its relay started after it.
    /// </summary>
    public static async Task WriteOrReloadAsync<T>(this IPersistentState<T> state, IGrainBase grain, GrainOutbox? outbox = null)
    {
        try
        {
            if (outbox is not null)
            {
                await outbox.BeforeWriteAsync();
            }

            await state.WriteStateAsync();
        }
        catch
        {
            try
            {
                await state.ReadStateAsync();
                outbox?.WriteUndone();
            }
            catch
            {
                // Memory still holds the unstored change: publish and write nothing more from this activation.
                outbox?.Retire();
                grain.DeactivateOnIdle();
            }

            throw;
        }

        if (outbox is not null)
        {
            outbox.AfterWrite();
        }
    }
}
