namespace RelationshipGrains.Reporting;

/// <summary>The BI read model: interactions per channel per day, open intents, the idea funnel and value chains by status.</summary>
/// <param name="InteractionsPerChannelPerDay">Interactions by UTC day and channel, oldest day first.</param>
/// <param name="OpenIntents">Intents whose latest state is open.</param>
/// <param name="IdeaFunnel">Ideas by their latest status (kebab case), from their proposal on.</param>
/// <param name="ValueChainsByStatus">Value chains by their latest status (kebab case), from their opening on.</param>
/// <param name="FactsApplied">How many new facts have been applied in all.</param>
[GenerateSerializer, Immutable, Alias("rg.RelationshipMetrics")]
public sealed record RelationshipMetrics(
    [property: Id(0)] IReadOnlyList<ChannelDay> InteractionsPerChannelPerDay,
    [property: Id(1)] int OpenIntents,
    [property: Id(2)] IReadOnlyDictionary<string, int> IdeaFunnel,
    [property: Id(3)] IReadOnlyDictionary<string, int> ValueChainsByStatus,
    [property: Id(4)] long FactsApplied);
