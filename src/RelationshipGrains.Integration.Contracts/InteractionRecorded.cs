namespace RelationshipGrains.Integration.Contracts;

/// <summary>
/// An interaction, service case, sales opportunity or marketing touch reached a customer's timeline.
/// The text is not carried: the back office reads it through the API under its own authorisation.
/// </summary>
public record InteractionRecorded(string CustomerId, long Sequence, string InteractionId, string Kind, string Channel,
    string Direction, string? Topic, string? Status, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt);
