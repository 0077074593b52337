namespace RelationshipGrains.Api.Ideas;

/// <summary>A public social mention: where it is, who wrote it, what it says.</summary>
public sealed record MentionBody(string Url, string Author, string Text);
