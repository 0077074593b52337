namespace RelationshipGrains.Communities;

/// <summary>One event of a community's live feed; sequences start at 1 with no gaps.</summary>
[GenerateSerializer, Immutable, Alias("rg.CommunityEvent")]
public sealed record CommunityEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] CommunityEventKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Text,
    [property: Id(4)] string? Subject = null,
    [property: Id(5)] string? ActorId = null);
