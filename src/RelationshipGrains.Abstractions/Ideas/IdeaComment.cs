namespace RelationshipGrains.Ideas;

/// <summary>A member's comment on an idea.</summary>
[GenerateSerializer, Immutable, Alias("rg.IdeaComment")]
public sealed record IdeaComment([property: Id(0)] string CommentId, [property: Id(1)] string AuthorId, [property: Id(2)] string Text, [property: Id(3)] DateTimeOffset At);
