namespace RelationshipGrains.Reporting;

/// <summary>
/// The BI read model (one grain, key 0), fed in batches by the integration consumers. Facts are de-duplicated by
/// message id over the latest 50,000, so an event the outbox publishes twice is counted once.
/// </summary>
[Alias("rg.IRelationshipMetricsGrain")]
public interface IRelationshipMetricsGrain : IGrainWithIntegerKey
{
    /// <summary>Applies facts not seen before; returns how many were new.</summary>
    /// <param name="facts">The batch; facts whose message id was seen before are skipped.</param>
    [Alias("Apply")]
    Task<int> ApplyAsync(IReadOnlyList<MetricsFact> facts);

    /// <summary>The current figures.</summary>
    [Alias("Get")]
    Task<RelationshipMetrics> GetAsync();
}
