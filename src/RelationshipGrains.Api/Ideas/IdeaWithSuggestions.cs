using RelationshipGrains.Ideas;

namespace RelationshipGrains.Api.Ideas;

/// <summary>An idea just proposed or given evidence, with the existing ideas most like it, so duplicates get merged.</summary>
public sealed record IdeaWithSuggestions(IdeaView Idea, IReadOnlyList<SimilarIdea> Similar);
