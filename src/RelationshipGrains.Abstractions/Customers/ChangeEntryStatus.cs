using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>
/// Moves a case, opportunity or marketing touch to a new status. The change is itself a timeline entry;
/// <see cref="RequestId"/> makes the call idempotent.
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.ChangeEntryStatus")]
public sealed record ChangeEntryStatus(
    [property: Id(0)] string RequestId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Status,
    [property: Id(3)] Author? Author,
    [property: Id(4)] string? Note = null)
{
    /// <summary>Checks the fields that do not depend on the timeline.</summary>
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
