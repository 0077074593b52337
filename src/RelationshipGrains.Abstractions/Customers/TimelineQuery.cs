using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>
/// A page of the timeline. Without <see cref="After"/> the page is newest-first (below <see cref="Before"/> if given);
/// with <see cref="After"/> it is oldest-first from there (and below <see cref="Before"/> if given).
/// </summary>
/// <param name="Before">Only entries with a lower sequence; 1 or more, or null for no upper bound.</param>
/// <param name="After">Only entries with a higher sequence, read oldest first; 0 or more, or null to read newest first.</param>
/// <param name="Limit">Most entries on the page, 1-200; 50 when null.</param>
[GenerateSerializer, Immutable, Alias("rg.TimelineQuery")]
public sealed record TimelineQuery(
    [property: Id(0)] long? Before = null,
    [property: Id(1)] long? After = null,
    [property: Id(2)] int? Limit = null)
{
    /// <summary>Checks the bounds and returns the page size to use.</summary>
    /// <exception cref="Errors.RelationshipValidationException">
    /// before is below 1, after below 0, or limit outside 1-200 (the field is named).
    /// </exception>
    public int Validate()
    {
        if (Before is < 1)
        {
            throw new RelationshipValidationException("before", "before must be 1 or more.");
        }

        if (After is < 0)
        {
            throw new RelationshipValidationException("after", "after must be 0 or more.");
        }

        var limit = Limit ?? Limits.DefaultPageSize;
        if (limit is < 1 or > Limits.MaxPageSize)
        {
            throw new RelationshipValidationException("limit", $"limit must be between 1 and {Limits.MaxPageSize}.");
        }

        return limit;
    }
}
