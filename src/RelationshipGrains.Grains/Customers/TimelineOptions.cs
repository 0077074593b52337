namespace RelationshipGrains.Grains.Customers;

/// <summary>
/// How much of a conversation a customer grain keeps in its own state (configuration section <c>Timeline</c>).
/// Older entries move to archive pages; the timeline API reads across both.
/// </summary>
public sealed class TimelineOptions
{
    public const string Section = "Timeline";

    /// <summary>Entries kept in the grain's state; the rest is archived.</summary>
    public int WindowSize { get; set; } = 200;

    /// <summary>Entries per archive page. Fixed per customer at its first archiving, so pages never misalign.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// How many of the latest sequences keep their caller-supplied id for retry detection. A retry of an
    /// interaction older than this is recorded again; clients retry within seconds, so the default is generous.
    /// Ids are forgotten a page at a time, so the index holds at most this plus <see cref="PageSize"/> ids.
    /// </summary>
    public int IdempotencyWindow { get; set; } = 2_000;

    /// <summary>
    /// How many of the latest service cases and marketing touches a customer keeps finding by their ids once they are
    /// older than <see cref="IdempotencyWindow"/>, so the back office's updates move their status (an update about an
    /// older one is recorded as a new case). About 100 bytes each in an active customer that has them.
    /// </summary>
    public int SubjectsKept { get; set; } = 1_000;

    /// <summary>
    /// Interactions one customer may record in a minute counted from the first of them (retries of recorded ones do
    /// not count).
    /// </summary>
    public int InteractionsPerMinute { get; set; } = 120;
}
