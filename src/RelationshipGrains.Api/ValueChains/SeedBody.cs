namespace RelationshipGrains.Api.ValueChains;

/// <summary>Accepting an intent offer starts a value chain with this id (and title, by default the intent's text).</summary>
public sealed record SeedBody(string ValueChainId, string? Title = null);
