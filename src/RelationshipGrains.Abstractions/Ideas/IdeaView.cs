namespace RelationshipGrains.Ideas;

/// <summary>An idea as stored: content, lineage, votes tallied, comments counted, decisions with reasons, who asked for it and where.</summary>
/// <param name="IdeaId">The idea's id.</param>
/// <param name="Community">The slug of its community.</param>
/// <param name="ProposerId">The member who proposed it, or the pseudonym of an erased customer.</param>
/// <param name="Title">Its title.</param>
/// <param name="Description">Its description, or null.</param>
/// <param name="Attributes">What the community's rules look at.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="ProposedAt">When it was proposed; fitness decays from here.</param>
/// <param name="Lineage">The ideas it descends from by forking, oldest first, its parent last.</param>
/// <param name="Forks">The ideas forked from it.</param>
/// <param name="MergedInto">The idea it was merged into, or null.</param>
/// <param name="MergedFrom">The duplicates merged into it.</param>
/// <param name="Tally">Its votes, comments and askers, counted.</param>
/// <param name="Decisions">Every status change with its reason, oldest first.</param>
/// <param name="Evidence">The requests that ask for it.</param>
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
