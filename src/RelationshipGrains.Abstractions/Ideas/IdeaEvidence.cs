namespace RelationshipGrains.Ideas;

/// <summary>
/// "Asked for this": one customer's request, linked to an idea. <c>askerKey</c> is the customer id, or
/// <c>social:{author}</c> for a mention by someone who is not a known customer; evidence counts once per asker.
/// <c>origin</c> marks the conversation the idea was proposed from.
/// </summary>
/// <param name="AskerKey">
/// Who asked, counted once: the customer id, <c>social:{author}</c> (lower case) for a mention by someone not known as
/// a customer, or an erased customer's pseudonym.
/// </param>
/// <param name="CustomerId">The customer who asked, told when the idea moves; null for an unknown social author or an erased customer.</param>
/// <param name="Kind">A timeline entry or a social mention.</param>
/// <param name="Reference">Where the request is: <c>customers/{id}/timeline/{sequence}</c> for an entry, or the mention's URL.</param>
/// <param name="Excerpt">The start of what was said, at most 280 characters; replaced once the customer is erased.</param>
/// <param name="Channel">The channel the entry came in on (kebab case), <c>social</c> for a mention, or null.</param>
/// <param name="At">When the evidence was linked to the idea.</param>
/// <param name="Origin">True for the conversation the idea was proposed from.</param>
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
