namespace RelationshipGrains.Benchmarks.Measurement;

/// <summary>One measured operation: throughput, latency percentiles, allocations per operation, and a ratio if it has a baseline.</summary>
public sealed record Measured(string Scenario, string Operation, int Concurrency, long Operations, double PerSecond, double P50Ms, double P99Ms,
    double BytesAllocatedPerOp, string? Baseline = null, double? Ratio = null, string? Note = null);
