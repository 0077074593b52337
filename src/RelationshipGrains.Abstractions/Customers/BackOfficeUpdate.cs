using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>
/// A back-office system's news for a customer's timeline (a service-desk case, a marketing touch, a social
/// mention), applied once per <see cref="MessageId"/>. Updates naming the same <see cref="SubjectId"/> (a case or
/// campaign id) record it the first time and move its status afterwards.
/// </summary>
/// <param name="MessageId">The bus message's id; not empty. A message applied before is recognised by it and changes nothing.</param>
/// <param name="Kind">What the news is: an interaction (a social mention), a service case or a marketing touch.</param>
/// <param name="SubjectId">
/// The case or campaign id the news is about, 1-122 letters, digits, '.', '_', ':' or '-' (its entry id adds
/// <c>case:</c> or <c>touch:</c>); null for one-off news such as a mention.
/// </param>
/// <param name="Channel">Where it happened.</param>
/// <param name="Direction">Inbound from the customer or outbound to them.</param>
/// <param name="Text">What was said, at most 8,000 characters; used when the subject is first recorded, ignored on later updates.</param>
/// <param name="Topic">A short label for grouping and search, at most 200 characters.</param>
/// <param name="Status">
/// For a case or touch, its status in the kind's lower-case spelling (a case: open, pending, resolved or closed); the
/// first update may leave it out to start at the first status, later ones must give it.
/// </param>
/// <param name="Note">A note on a status change, at most 2,000 characters; a subject's first update does not record it.</param>
/// <param name="OccurredAt">
/// When it happened: after 1970 and at most 10 minutes ahead of the silo's clock. Of a subject's updates, the one that
/// happened last sets its status, whatever order they arrive in.
/// </param>
[GenerateSerializer, Immutable, Alias("rg.BackOfficeUpdate")]
public sealed record BackOfficeUpdate(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] TimelineEntryKind Kind,
    [property: Id(2)] string? SubjectId,
    [property: Id(3)] Channel Channel,
    [property: Id(4)] Direction Direction,
    [property: Id(5)] string Text,
    [property: Id(6)] string? Topic,
    [property: Id(7)] string? Status,
    [property: Id(8)] string? Note,
    [property: Id(9)] DateTimeOffset OccurredAt)
{
    /// <summary>The longest subject id: its entry id, <c>touch:</c> and the id, must fit <see cref="Limits.RequestIdLength"/>.</summary>
    public const int MaxSubjectIdLength = Limits.RequestIdLength - 6;

    /// <summary>The timeline entry id of the message itself, which is what makes a redelivery recognisable.</summary>
    public string MessageEntryId => $"msg:{MessageId:N}";

    /// <summary>The timeline entry id of the case or campaign, shared by every update about it.</summary>
    public string? SubjectEntryId => SubjectId is null ? null : $"{(Kind == TimelineEntryKind.ServiceCase ? CasePrefix : TouchPrefix)}{SubjectId}";

    private const string CasePrefix = "case:";
    private const string TouchPrefix = "touch:";

    /// <summary>Whether an entry id names a case or campaign (<see cref="SubjectEntryId"/>), which later updates look up.</summary>
    /// <param name="entryId">A timeline entry id.</param>
    public static bool IsSubjectEntryId(string entryId) =>
        entryId.StartsWith(CasePrefix, StringComparison.Ordinal) || entryId.StartsWith(TouchPrefix, StringComparison.Ordinal);

    /// <summary>Checks the fields the timeline does not check itself.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The message id is empty, the subject id is not 1-128 letters, digits, '.', '_', ':' or '-', or the note is over
    /// 2,000 characters. The other fields are checked when the update is recorded.
    /// </exception>
    public void Validate()
    {
        if (MessageId == Guid.Empty)
        {
            throw new RelationshipValidationException("messageId", "A back-office message needs a message id, so a redelivery can be recognised.");
        }

        if (SubjectId is not null)
        {
            Check.RequestId(SubjectId, "subjectId");
            // The subject's entry id is "case:" or "touch:" and the id, and an entry id holds at most 128 characters.
            if (SubjectId.Length > MaxSubjectIdLength)
            {
                throw new RelationshipValidationException("subjectId", $"subjectId must be at most {MaxSubjectIdLength} characters.");
            }
        }

        Check.OptionalText(Note, "note", Limits.StatusNote);
    }
}
