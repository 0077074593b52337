namespace RelationshipGrains.Testing;

/// <summary>
/// For state a test can only read (a grain's, a page's) with no signal to wait on: read every 50 ms until it is
/// as expected, bounded.
/// </summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{what} did not happen within {within.TotalSeconds} s; last seen: {value}.");
            }

            await Task.Delay(50);
        }
    }
}
