namespace RelationshipGrains.Reporting;

/// <summary>Interactions on one channel on one (UTC) day.</summary>
[GenerateSerializer, Immutable, Alias("rg.ChannelDay")]
public sealed record ChannelDay([property: Id(0)] DateOnly Day, [property: Id(1)] string Channel, [property: Id(2)] long Count);
