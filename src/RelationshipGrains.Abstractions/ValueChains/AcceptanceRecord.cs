namespace RelationshipGrains.ValueChains;

/// <summary>One acceptance in a chain's history; <c>replaced</c> names the partner swapped out, if any.</summary>
[GenerateSerializer, Immutable, Alias("rg.AcceptanceRecord")]
public sealed record AcceptanceRecord(
    [property: Id(0)] string Role,
    [property: Id(1)] string PartnerId,
    [property: Id(2)] string? Replaced,
    [property: Id(3)] DateTimeOffset At);
