namespace RelationshipGrains.Ideas;

/// <summary>An existing idea that reads like the text asked about (TF-IDF cosine, 0..1).</summary>
/// <param name="IdeaId">The idea.</param>
/// <param name="Title">Its title.</param>
/// <param name="Score">How alike the texts read, 0 to 1.</param>
[GenerateSerializer, Immutable, Alias("rg.SimilarIdea")]
public sealed record SimilarIdea([property: Id(0)] string IdeaId, [property: Id(1)] string Title, [property: Id(2)] double Score);
