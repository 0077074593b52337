namespace RelationshipGrains.Testing;

/// <summary>
/// What a recording test double waits on: it pulses when it records something, and a waiter looks again at each
/// pulse until enough matches arrive or its time runs out. No polling, no sleeps.
/// </summary>
public sealed class Changes
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Returns what <paramref name="matching"/> finds once it holds at least <paramref name="count"/> items.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(Func<IReadOnlyList<T>> matching, int count, TimeSpan within, string what)
    {
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            var changed = _next.Task;
            var found = matching();
            if (found.Count >= count)
            {
                return found;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} {what}, saw {found.Count} in {within.TotalSeconds} s.");
            }
        }
    }
}
