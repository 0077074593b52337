namespace RelationshipGrains.Grains.Reporting;

[GenerateSerializer, Alias("rg.RelationshipMetricsState")]
public sealed class RelationshipMetricsState
{
    /// <summary>Counts by "yyyy-MM-dd|channel".</summary>
    [Id(0)] public Dictionary<string, long> ChannelDays { get; set; } = [];

    /// <summary>The latest state of each intent, idea and value chain; facts arriving out of order never move one back.</summary>
    [Id(1)] public Dictionary<string, LatestValue> Intents { get; set; } = [];
    [Id(2)] public Dictionary<string, LatestValue> Ideas { get; set; } = [];
    [Id(3)] public Dictionary<string, LatestValue> ValueChains { get; set; } = [];

    /// <summary>Message ids applied, oldest first.</summary>
    [Id(4)] public List<Guid> Seen { get; set; } = [];
    [Id(5)] public long Applied { get; set; }
}

[GenerateSerializer, Immutable, Alias("rg.LatestValue")]
public sealed record LatestValue([property: Id(0)] string Value, [property: Id(1)] DateTimeOffset At);
