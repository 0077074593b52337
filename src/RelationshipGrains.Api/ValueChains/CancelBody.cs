namespace RelationshipGrains.Api.ValueChains;

/// <summary>Why the customer cancels (optional).</summary>
public sealed record CancelBody(string? Reason = null);
