namespace RelationshipGrains.Ideas;

/// <summary>
/// "Asked for this": one customer's request, linked to an idea. <c>askerKey</c> is the customer id, or
/// <c>social:{author}</c> for a mention by someone who is not a known customer; evidence counts once per asker.
/// <c>origin</c> marks the conversation the idea was proposed from.
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.IdeaEvidence")]
public sealed record IdeaEvidence(
    [property: Id(0)] string AskerKey,
    [property: Id(1)] string? CustomerId,
    [property: Id(2)] EvidenceKind Kind,
    [property: Id(3)] string Reference,
    [property: Id(4)] string Excerpt,
    [property: Id(5)] string? Channel,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] bool Origin = false);
