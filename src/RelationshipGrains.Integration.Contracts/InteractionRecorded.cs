namespace RelationshipGrains.Integration.Contracts;

/// <summary>
/// An interaction, service case, sales opportunity or marketing touch reached a customer's timeline.
/// The text is not carried: the back office reads it through the API under its own authorisation. Kind, channel and
/// direction are spelled as in the HTTP API (<c>service-case</c>, <c>store</c>, <c>inbound</c>).
/// </summary>
public record InteractionRecorded(string CustomerId, long Sequence, string InteractionId, string Kind, string Channel,
    string Direction, string? Topic, string? Status, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt);
