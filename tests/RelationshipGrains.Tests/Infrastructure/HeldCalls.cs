using System.Collections.Concurrent;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>
/// Holds the next call of a grain method on one grain inside that grain's turn until the test lets it go, to line up
/// calls that meet by chance in production.
/// </summary>
public sealed class HeldCalls
{
    private readonly ConcurrentDictionary<(string Method, string Key), Hold> _armed = new();

    /// <summary>The next call of <paramref name="method"/> (the implementing method's name) on the grain keyed <paramref name="key"/>.</summary>
    public Hold HoldNext(string method, string key) => _armed[(method, key)] = new Hold();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        // Asked first: every call of every test passes here, and the key is made into a string for the lookup.
        if (!_armed.IsEmpty && _armed.TryRemove((context.ImplementationMethod.Name, context.TargetId.Key.ToString()!), out var hold))
        {
            await hold.WaitAsync();
        }

        await context.Invoke();
    }

    public sealed class Hold
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the call is inside its grain's turn, held there.</summary>
        public Task Reached => _reached.Task;

        public void Release() => _released.TrySetResult();

        internal Task WaitAsync()
        {
            _reached.TrySetResult();
            return _released.Task;
        }
    }
}
