namespace RelationshipGrains.Customers;

/// <summary>One entry of a customer's timeline. Sequences start at 1 and have no gaps.</summary>
/// <param name="Sequence">The entry's place on the timeline, from 1 with no gaps.</param>
/// <param name="EntryId">
/// The caller's id for the entry (an interaction or request id), or one the grain makes for what it records itself,
/// such as <c>profile:12</c> or <c>intent:{id}:expressed</c>.
/// </param>
/// <param name="Kind">What the entry records.</param>
/// <param name="RecordedAt">When the grain recorded it.</param>
/// <param name="OccurredAt">When it happened, as its sender says; the same as <paramref name="RecordedAt"/> unless given.</param>
/// <param name="Author">Who wrote it.</param>
/// <param name="Channel">Where it happened; null for entries no channel carried (a profile change, a consent).</param>
/// <param name="Direction">Inbound or outbound, for interactions, cases, opportunities and touches; otherwise null.</param>
/// <param name="Text">What was said, or a sentence about what happened; null when there is none.</param>
/// <param name="Topic">
/// A short label for grouping and search (for an intent, its category; for community news, the community's slug), or
/// null.
/// </param>
/// <param name="CorrelationId">The caller's id tying several entries together (a chat session, a ticket), or null.</param>
/// <param name="Status">
/// For a case, opportunity or touch, its status; for a status change, the new status; for idea and value-chain news,
/// theirs. Otherwise null.
/// </param>
/// <param name="RelatesTo">For a status change, the sequence of the entry it moved; otherwise null.</param>
/// <param name="Subject">
/// What the entry is about, when not the entry itself: a partner's id for consents, an intent's id, a value chain's, a
/// thread or idea in a community. Otherwise null.
/// </param>
[GenerateSerializer, Immutable, Alias("rg.TimelineEntry")]
public sealed record TimelineEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string EntryId,
    [property: Id(2)] TimelineEntryKind Kind,
    [property: Id(3)] DateTimeOffset RecordedAt,
    [property: Id(4)] DateTimeOffset OccurredAt,
    [property: Id(5)] Author Author,
    [property: Id(6)] Channel? Channel = null,
    [property: Id(7)] Direction? Direction = null,
    [property: Id(8)] string? Text = null,
    [property: Id(9)] string? Topic = null,
    [property: Id(10)] string? CorrelationId = null,
    [property: Id(11)] string? Status = null,
    [property: Id(12)] long? RelatesTo = null,
    [property: Id(13)] string? Subject = null);
