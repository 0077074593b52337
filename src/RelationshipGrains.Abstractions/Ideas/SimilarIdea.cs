namespace RelationshipGrains.Ideas;

/// <summary>An existing idea that reads like the text asked about (TF-IDF cosine, 0..1).</summary>
[GenerateSerializer, Immutable, Alias("rg.SimilarIdea")]
public sealed record SimilarIdea([property: Id(0)] string IdeaId, [property: Id(1)] string Title, [property: Id(2)] double Score);
