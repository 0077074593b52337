namespace RelationshipGrains.Ideas;

/// <summary>A member's comment on an idea.</summary>
/// <param name="CommentId">The caller's id for the comment.</param>
/// <param name="AuthorId">The member who wrote it, or the pseudonym of an erased customer.</param>
/// <param name="Text">What it says; "[removed]" when its erased author's texts were removed.</param>
/// <param name="At">When it was written.</param>
[GenerateSerializer, Immutable, Alias("rg.IdeaComment")]
public sealed record IdeaComment([property: Id(0)] string CommentId, [property: Id(1)] string AuthorId, [property: Id(2)] string Text, [property: Id(3)] DateTimeOffset At);
