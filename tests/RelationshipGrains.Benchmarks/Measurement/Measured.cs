namespace RelationshipGrains.Benchmarks.Measurement;

/// <summary>One measured operation: throughput, latency percentiles, allocations per operation, and a ratio if it has a baseline.</summary>
public sealed record Measured(string Scenario, string Operation, int Concurrency, long Operations, double PerSecond, double P50Ms, double P99Ms,
    double BytesAllocatedPerOp, string? Baseline = null, double? Ratio = null, string? Note = null)
{
    /// <summary>Two runs of one operation measured in the order A B B A around another, so neither gains from running later.</summary>
    public static Measured Mean(Measured a, Measured b) => a with
    {
        Operations = a.Operations + b.Operations,
        PerSecond = (a.PerSecond + b.PerSecond) / 2,
        P50Ms = (a.P50Ms + b.P50Ms) / 2,
        P99Ms = Math.Max(a.P99Ms, b.P99Ms),
        BytesAllocatedPerOp = (a.BytesAllocatedPerOp + b.BytesAllocatedPerOp) / 2,
        Note = "mean of two runs, A B B A",
    };
}
