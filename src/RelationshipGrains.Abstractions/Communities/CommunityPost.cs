namespace RelationshipGrains.Communities;

/// <summary>A post in a thread. A thread's first post carries the title; its id is the thread's id.</summary>
[GenerateSerializer, Immutable, Alias("rg.CommunityPost")]
public sealed record CommunityPost(
    [property: Id(0)] string PostId,
    [property: Id(1)] string ThreadId,
    [property: Id(2)] string AuthorId,
    [property: Id(3)] string? Title,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] bool Hidden = false,
    [property: Id(7)] string? HiddenReason = null,
    [property: Id(8)] int Replies = 0);
