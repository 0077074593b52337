using System.Diagnostics;

namespace RelationshipGrains.Benchmarks.Hosting;

/// <summary>
/// A clock running a thousand times fast. Votes are limited per member per minute; measuring the cost of a vote means
/// letting a few members vote again and again, which this clock allows without touching the limit itself.
/// </summary>
public sealed class FastClock : TimeProvider
{
    private const int Speed = 1_000;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly long _started = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _start + Stopwatch.GetElapsedTime(_started) * Speed;
}
