namespace RelationshipGrains.Reporting;

/// <summary>What a <see cref="MetricsFact"/> counts.</summary>
[GenerateSerializer, Alias("rg.MetricsFactKind")]
public enum MetricsFactKind
{
    /// <summary>An interaction; the value is its channel, counted on the day of <see cref="MetricsFact.At"/>.</summary>
    Interaction,
    /// <summary>An intent's state; the value is "open" or "withdrawn".</summary>
    Intent,
    /// <summary>An idea's status.</summary>
    Idea,
    /// <summary>A value chain's status.</summary>
    ValueChain,
}
