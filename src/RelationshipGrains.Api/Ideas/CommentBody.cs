namespace RelationshipGrains.Api.Ideas;

/// <summary>A member's comment; the id makes a retry safe.</summary>
public sealed record CommentBody(string CustomerId, string CommentId, string Text);
