namespace RelationshipGrains.Grains.Storage;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; if the write fails, reloads what storage holds so the grain never serves a change that was
    /// not acknowledged. If storage cannot even be read, the activation is retired so a fresh one reads it later.
    /// </summary>
    public static async Task WriteOrReloadAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            try
            {
                await state.ReadStateAsync();
            }
            catch
            {
                grain.DeactivateOnIdle();
            }

            throw;
        }
    }
}
