namespace RelationshipGrains.Communities;

/// <summary>A post in a thread. A thread's first post carries the title; its id is the thread's id.</summary>
/// <param name="PostId">The caller's id for the post.</param>
/// <param name="ThreadId">The thread it belongs to: the id of the thread's first post (its own id for a first post).</param>
/// <param name="AuthorId">The member who wrote it, or the pseudonym of an erased customer.</param>
/// <param name="Title">The thread's title on its first post; null on replies. Empty when the post is hidden.</param>
/// <param name="Text">What the post says; empty when hidden, "[removed]" when its erased author's texts were removed.</param>
/// <param name="At">When it was posted.</param>
/// <param name="Hidden">Whether a moderator or staff member hid it.</param>
/// <param name="HiddenReason">Why it was hidden, or null.</param>
/// <param name="Replies">On a thread's first post, how many replies the thread has; 0 on replies.</param>
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
