using RelationshipGrains.Errors;
using RelationshipGrains.Naming;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>
/// A request to add an interaction (or a case, opportunity or marketing touch) to a customer's timeline.
/// <c>interactionId</c> is chosen by the caller and makes the call idempotent.
/// </summary>
/// <param name="InteractionId">
/// The caller's id for this interaction, 1-128 letters, digits, '.', '_', ':' or '-': a retry under it adds nothing.
/// It may not start with msg:, case:, touch:, vc:, community:, idea:, consent:, intent:, offer: or profile:, which name
/// the entries the system makes.
/// </param>
/// <param name="Channel">Where it happened (web, email, chat, phone, social, store, partner).</param>
/// <param name="Direction">Inbound from the customer or outbound to them.</param>
/// <param name="Author">Who wrote it: the customer, a staff member or partner (with id), or the system.</param>
/// <param name="Text">What was said, at most 8,000 characters.</param>
/// <param name="Kind">Interaction (the default), service case, sales opportunity or marketing touch.</param>
/// <param name="Topic">A short label for grouping and search, at most 200 characters.</param>
/// <param name="CorrelationId">The caller's id tying several entries together (a chat session, a ticket), at most 200 characters.</param>
/// <param name="Status">For a case, opportunity or touch: its first status (the kind's first when left out).</param>
/// <param name="OccurredAt">When it happened, if not now: after 1970 and at most 10 minutes ahead of the silo's clock.</param>
[GenerateSerializer, Immutable, Alias("rg.RecordInteraction")]
public sealed record RecordInteraction(
    [property: Id(0)] string InteractionId,
    [property: Id(1)] Channel? Channel,
    [property: Id(2)] Direction? Direction,
    [property: Id(3)] Author? Author,
    [property: Id(4)] string Text,
    [property: Id(5)] TimelineEntryKind? Kind = null,
    [property: Id(6)] string? Topic = null,
    [property: Id(7)] string? CorrelationId = null,
    [property: Id(8)] string? Status = null,
    [property: Id(9)] DateTimeOffset? OccurredAt = null)
{
    /// <summary>The kinds a caller may record directly; the others are written by the grain itself.</summary>
    public static IReadOnlyList<TimelineEntryKind> RecordableKinds { get; } =
        [TimelineEntryKind.Interaction, TimelineEntryKind.ServiceCase, TimelineEntryKind.SalesOpportunity, TimelineEntryKind.MarketingTouch];

    /// <summary>Checks every field and returns the kind and starting status to record.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A field is missing or malformed, or the kind is not one a caller may record; the exception names the field.
    /// </exception>
    public (TimelineEntryKind Kind, string? Status) Validate()
    {
        Check.RequestId(InteractionId, "interactionId");
        Check.Defined(Channel, "channel");
        Check.Defined(Direction, "direction");
        (Author ?? throw new RelationshipValidationException("author", "author is required.")).Validated("author");
        Check.Text(Text, "text", Limits.InteractionText);
        Check.OptionalText(Topic, "topic", Limits.ShortText);
        Check.OptionalText(CorrelationId, "correlationId", Limits.ShortText);
        var kind = Kind ?? TimelineEntryKind.Interaction;
        if (!RecordableKinds.Contains(kind))
        {
            throw new RelationshipValidationException("kind", $"kind must be one of: {string.Join(", ", RecordableKinds.Select(Kebab.Of))}.");
        }

        return (kind, EntryStatuses.Validate(kind, Status, "status"));
    }
}
