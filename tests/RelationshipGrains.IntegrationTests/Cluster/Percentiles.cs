namespace RelationshipGrains.IntegrationTests.Cluster;

/// <summary>Percentiles of the latencies the cluster tests measure, one rule for all their reports.</summary>
internal static class Percentiles
{
    /// <summary>The value at index floor(p * count) of <paramref name="sorted"/>, in ascending order (the upper median at 0.5); NaN for none.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}
