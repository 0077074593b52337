namespace RelationshipGrains.Reporting;

/// <summary>The BI read model: interactions per channel per day, open intents, the idea funnel and value chains by status.</summary>
[GenerateSerializer, Immutable, Alias("rg.RelationshipMetrics")]
public sealed record RelationshipMetrics(
    [property: Id(0)] IReadOnlyList<ChannelDay> InteractionsPerChannelPerDay,
    [property: Id(1)] int OpenIntents,
    [property: Id(2)] IReadOnlyDictionary<string, int> IdeaFunnel,
    [property: Id(3)] IReadOnlyDictionary<string, int> ValueChainsByStatus,
    [property: Id(4)] long FactsApplied);
