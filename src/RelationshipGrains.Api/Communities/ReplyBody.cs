namespace RelationshipGrains.Api.Communities;

/// <summary>A member replies in a thread.</summary>
public sealed record ReplyBody(string CustomerId, string PostId, string Text);
