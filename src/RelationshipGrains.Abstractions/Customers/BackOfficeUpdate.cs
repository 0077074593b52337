using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>
/// A back-office system's news for a customer's timeline (a service-desk case, a marketing touch, a social
/// mention), applied once per <see cref="MessageId"/>. Updates naming the same <see cref="SubjectId"/> (a case or
/// campaign id) record it the first time and move its status afterwards.
/// </summary>
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
    /// <summary>The timeline entry id of the message itself, which is what makes a redelivery recognisable.</summary>
    public string MessageEntryId => $"msg:{MessageId:N}";

    /// <summary>The timeline entry id of the case or campaign, shared by every update about it.</summary>
    public string? SubjectEntryId => SubjectId is null ? null : $"{(Kind == TimelineEntryKind.ServiceCase ? "case" : "touch")}:{SubjectId}";

    /// <summary>Checks the fields the timeline does not check itself.</summary>
    public void Validate()
    {
        if (MessageId == Guid.Empty)
        {
            throw new RelationshipValidationException("messageId", "A back-office message needs a message id, so a redelivery can be recognised.");
        }

        if (SubjectId is not null)
        {
            Check.RequestId(SubjectId, "subjectId");
        }

        Check.OptionalText(Note, "note", Limits.StatusNote);
    }
}
