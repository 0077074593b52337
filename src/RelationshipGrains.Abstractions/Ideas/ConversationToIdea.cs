namespace RelationshipGrains.Ideas;

/// <summary>
/// A customer's timeline entry becomes an idea in a community, with the entry as its first evidence. The idea id makes
/// it idempotent: sent again, the idea is not proposed twice.
/// </summary>
/// <param name="CustomerId">Whose timeline the entry is on.</param>
/// <param name="Sequence">The entry's sequence number on that timeline.</param>
/// <param name="Community">The community's slug the idea goes to.</param>
/// <param name="ActorId">The community member proposing it (staff, or the customer).</param>
/// <param name="IdeaId">The new idea's id, chosen by the caller.</param>
/// <param name="Title">The idea's title; the start of the entry's words when left out.</param>
/// <param name="Description">The idea's description; the entry's words when left out.</param>
[GenerateSerializer, Immutable, Alias("rg.ConversationToIdea")]
public sealed record ConversationToIdea(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Community,
    [property: Id(3)] string ActorId,
    [property: Id(4)] string IdeaId,
    [property: Id(5)] string? Title = null,
    [property: Id(6)] string? Description = null);

/// <summary>Evidence that asks for an idea: a customer's timeline entry, or a public social mention.</summary>
/// <param name="IdeaId">The idea the evidence is for.</param>
/// <param name="CustomerId">The customer whose entry it is (with <paramref name="Sequence"/>), or who wrote the mention.</param>
/// <param name="Sequence">The timeline entry's sequence number; leave out for a mention.</param>
/// <param name="Mention">The social mention; leave out for a timeline entry.</param>
[GenerateSerializer, Immutable, Alias("rg.AddIdeaEvidence")]
public sealed record AddIdeaEvidence(
    [property: Id(0)] string IdeaId,
    [property: Id(1)] string? CustomerId = null,
    [property: Id(2)] long? Sequence = null,
    [property: Id(3)] SocialMention? Mention = null);

/// <summary>A public social mention: where it is, who wrote it, what it says.</summary>
/// <param name="Url">Where the mention is (http or https).</param>
/// <param name="Author">Who wrote it, as the social network names them.</param>
/// <param name="Text">What it says.</param>
[GenerateSerializer, Immutable, Alias("rg.SocialMention")]
public sealed record SocialMention([property: Id(0)] string Url, [property: Id(1)] string Author, [property: Id(2)] string Text);

/// <summary>An idea just proposed or given evidence, with the community's ideas most like it, so duplicates get merged.</summary>
/// <param name="Idea">The idea as it is now.</param>
/// <param name="Similar">The most similar other ideas, best first.</param>
[GenerateSerializer, Immutable, Alias("rg.IdeaWithSimilar")]
public sealed record IdeaWithSimilar([property: Id(0)] IdeaView Idea, [property: Id(1)] IReadOnlyList<SimilarIdea> Similar)
{
    /// <summary>How many similar ideas an answer lists, unless a caller asks for another number.</summary>
    public const int SimilarCount = 5;
}
