using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>
/// Moves a case, opportunity or marketing touch to a new status. The change is itself a timeline entry;
/// <see cref="RequestId"/> makes the call idempotent.
/// </summary>
/// <param name="RequestId">
/// The caller's id for this change, 1-128 letters, digits, '.', '_', ':' or '-': a retry under it changes nothing. It
/// may not start with msg:, case:, touch:, vc:, community:, idea:, consent:, intent:, offer: or profile:, which name the
/// entries the system makes.
/// </param>
/// <param name="Sequence">The sequence of the case, opportunity or touch to move; 1 or more.</param>
/// <param name="Status">
/// The new status, one of the entry kind's lower-case statuses (a case: open, pending, resolved, closed; an
/// opportunity: open, qualified, proposal, won, lost; a touch: sent, delivered, opened, clicked, converted, bounced,
/// unsubscribed).
/// </param>
/// <param name="Author">Who made the change; required.</param>
/// <param name="Note">Why, or what happened, at most 2,000 characters.</param>
[GenerateSerializer, Immutable, Alias("rg.ChangeEntryStatus")]
public sealed record ChangeEntryStatus(
    [property: Id(0)] string RequestId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Status,
    [property: Id(3)] Author? Author,
    [property: Id(4)] string? Note = null)
{
    /// <summary>Checks the fields that do not depend on the timeline.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// The request id is not 1-128 letters, digits, '.', '_', ':' or '-', the sequence is below 1, the status or the
    /// author is missing, the author is malformed, or the note is over 2,000 characters.
    /// </exception>
    public void Validate()
    {
        Check.RequestId(RequestId, "requestId");
        if (Sequence < 1)
        {
            throw new RelationshipValidationException("sequence", "sequence must be 1 or more.");
        }

        if (string.IsNullOrEmpty(Status))
        {
            throw new RelationshipValidationException("status", "status is required.");
        }

        (Author ?? throw new RelationshipValidationException("author", "author is required.")).Validated("author");
        Check.OptionalText(Note, "note", Limits.StatusNote);
    }
}
