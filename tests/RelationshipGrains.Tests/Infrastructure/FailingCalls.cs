using System.Collections.Concurrent;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>Fails the next calls of a grain method on one grain, as a crash or an unreachable silo would.</summary>
public sealed class FailingCalls
{
    private readonly ConcurrentDictionary<(string Method, string Key), int> _armed = new();

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> on the grain keyed <paramref name="key"/> fail.</summary>
    public void FailNext(string method, string key, int times = 1) => _armed[(method, key)] = times;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var call = (context.ImplementationMethod.Name, context.TargetId.Key.ToString()!);
        while (_armed.TryGetValue(call, out var left) && left > 0)
        {
            if (_armed.TryUpdate(call, left - 1, left))
            {
                throw new InvalidOperationException($"{call.Item1} on '{call.Item2}' failed, as the test asked.");
            }
        }

        await context.Invoke();
    }
}
