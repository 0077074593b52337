namespace RelationshipGrains.Grains.Reporting;

[GenerateSerializer, Immutable, Alias("rg.LatestValue")]
public sealed record LatestValue([property: Id(0)] string Value, [property: Id(1)] DateTimeOffset At);
