namespace RelationshipGrains.Benchmarks.Measurement;

/// <summary>One measured operation: throughput, latency percentiles, allocations per operation, and a ratio if it has a baseline.</summary>
public sealed record Measured(string Scenario, string Operation, int Concurrency, long Operations, double PerSecond, double P50Ms, double P99Ms,
    double BytesAllocatedPerOp, string? Baseline = null, double? Ratio = null, string? Note = null)
{
    /// <summary>
    /// CPU time this process spent per operation (silo, callers and clients together; not Azurite or PostgreSQL). On a
    /// shared machine it moves less than a rate does with what else runs, so it is the figure to compare before and
    /// after a change.
    /// </summary>
    public double CpuMicrosPerOp { get; init; }

    /// <summary>Storage requests, bytes sent and milliseconds inside requests per operation, where the run counted them.</summary>
    public (double Requests, double BytesSent, double Ms)? StoragePerOp { get; init; }

    /// <summary>What <see cref="StoragePerOp"/> says, for a row's note.</summary>
    public string StorageNote => StoragePerOp is { } s
        ? $"{s.Requests:0.00} storage requests, {s.BytesSent:N0} B sent, {s.Ms:0.000} ms in them per call"
        : "storage not counted";

    /// <summary>Two runs of one operation measured in the order A B B A around another, so neither gains from running later.</summary>
    public static Measured Mean(Measured a, Measured b)
    {
        // Per-operation storage figures weighted by each run's operations, as if the two were one run.
        double Weighted(double x, double y) => ((x * a.Operations) + (y * b.Operations)) / Math.Max(1, a.Operations + b.Operations);
        return a with
        {
            Operations = a.Operations + b.Operations,
            PerSecond = (a.PerSecond + b.PerSecond) / 2,
            P50Ms = (a.P50Ms + b.P50Ms) / 2,
            P99Ms = Math.Max(a.P99Ms, b.P99Ms),
            BytesAllocatedPerOp = (a.BytesAllocatedPerOp + b.BytesAllocatedPerOp) / 2,
            CpuMicrosPerOp = Weighted(a.CpuMicrosPerOp, b.CpuMicrosPerOp),
            Note = "mean of two runs, A B B A",
            StoragePerOp = a.StoragePerOp is { } x && b.StoragePerOp is { } y
                ? (Weighted(x.Requests, y.Requests), Weighted(x.BytesSent, y.BytesSent), Weighted(x.Ms, y.Ms))
                : null,
        };
    }
}
