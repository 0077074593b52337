namespace RelationshipGrains.Reporting;

/// <summary>Interactions on one channel on one (UTC) day.</summary>
/// <param name="Day">The UTC day the interactions happened on.</param>
/// <param name="Channel">The channel, in kebab case.</param>
/// <param name="Count">How many interactions.</param>
[GenerateSerializer, Immutable, Alias("rg.ChannelDay")]
public sealed record ChannelDay([property: Id(0)] DateOnly Day, [property: Id(1)] string Channel, [property: Id(2)] long Count);
