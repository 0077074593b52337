namespace RelationshipGrains.Ideas;

/// <summary>An idea as stored: content, lineage, votes tallied, comments counted, decisions with reasons, who asked for it and where.</summary>
[GenerateSerializer, Immutable, Alias("rg.IdeaView")]
public sealed record IdeaView(
    [property: Id(0)] string IdeaId,
    [property: Id(1)] string Community,
    [property: Id(2)] string ProposerId,
    [property: Id(3)] string Title,
    [property: Id(4)] string? Description,
    [property: Id(5)] IdeaAttributes Attributes,
    [property: Id(6)] IdeaStatus Status,
    [property: Id(7)] DateTimeOffset ProposedAt,
    [property: Id(8)] IReadOnlyList<string> Lineage,
    [property: Id(9)] IReadOnlyList<string> Forks,
    [property: Id(10)] string? MergedInto,
    [property: Id(11)] IReadOnlyList<string> MergedFrom,
    [property: Id(12)] IdeaTally Tally,
    [property: Id(13)] IReadOnlyList<IdeaDecision> Decisions,
    [property: Id(14)] IReadOnlyList<IdeaEvidence>? Evidence = null);
