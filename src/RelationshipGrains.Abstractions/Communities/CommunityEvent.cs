namespace RelationshipGrains.Communities;

/// <summary>One event of a community's live feed; sequences start at 1 with no gaps.</summary>
/// <param name="Sequence">The event's place in the feed, from 1 with no gaps.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When.</param>
/// <param name="Text">What happened, in a sentence.</param>
/// <param name="Subject">
/// What it concerns: the member for membership and role events, the thread for a post, the post for a hidden post, the
/// idea for idea events; null for a round.
/// </param>
/// <param name="ActorId">The member who did it; null for what a selection round did.</param>
[GenerateSerializer, Immutable, Alias("rg.CommunityEvent")]
public sealed record CommunityEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] CommunityEventKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Text,
    [property: Id(4)] string? Subject = null,
    [property: Id(5)] string? ActorId = null);
