using System.Collections.Concurrent;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>Fails the next calls of a grain method, on one grain or any, as a crash or an unreachable silo would.</summary>
public sealed class FailingCalls
{
    private const string AnyGrain = "";

    private readonly ConcurrentDictionary<(string Method, string Key), int> _armed = new();

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> (on the grain keyed <paramref name="key"/>, or any) fail.</summary>
    public void FailNext(string method, string? key = null, int times = 1) => _armed[(method, key ?? AnyGrain)] = times;

    /// <summary>How many failures are still to come for <paramref name="method"/> (on <paramref name="key"/>, or any grain).</summary>
    public int Armed(string method, string? key = null) => _armed.GetValueOrDefault((method, key ?? AnyGrain));

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.ImplementationMethod.Name;
        if (TryTake((method, context.TargetId.Key.ToString()!)) || TryTake((method, AnyGrain)))
        {
            throw new InvalidOperationException($"{method} on {context.TargetId} failed, as the test asked.");
        }

        await context.Invoke();
    }

    private bool TryTake((string Method, string Key) call)
    {
        while (_armed.TryGetValue(call, out var left) && left > 0)
        {
            if (_armed.TryUpdate(call, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }
}
