namespace RelationshipGrains.Benchmarks.Scenarios;

/// <summary>How long and how big: <c>--quick</c> keeps every scenario small enough for CI.</summary>
public sealed record BenchOptions(bool Quick)
{
    public TimeSpan WarmUp => Quick ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(2);

    public TimeSpan Duration => Quick ? TimeSpan.FromMilliseconds(700) : TimeSpan.FromSeconds(5);

    public int GrainCallers => Quick ? 200 : 1_000;

    public int HttpCallers => Quick ? 16 : 64;

    public int Customers => Quick ? 1_000 : 10_000;

    public int[] CustomerScales => Quick ? [1_000, 5_000] : [1_000, 10_000, 100_000];

    public int[] ConversationLengths => Quick ? [10, 600] : [10, 1_000, 10_000];

    public int MemoryCustomers => Quick ? 5_000 : 100_000;
}
