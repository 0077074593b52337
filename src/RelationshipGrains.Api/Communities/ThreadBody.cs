namespace RelationshipGrains.Api.Communities;

/// <summary>A member starts a thread.</summary>
public sealed record ThreadBody(string CustomerId, string PostId, string Title, string Text);
