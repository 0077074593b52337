namespace RelationshipGrains.Benchmarks.Ping;

public sealed class PingGrain : Grain, IPingGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
