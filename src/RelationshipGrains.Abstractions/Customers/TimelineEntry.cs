namespace RelationshipGrains.Customers;

/// <summary>One entry of a customer's timeline. Sequences start at 1 and have no gaps.</summary>
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
