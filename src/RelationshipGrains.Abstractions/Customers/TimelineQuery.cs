using RelationshipGrains.Errors;
using RelationshipGrains.Validation;

namespace RelationshipGrains.Customers;

/// <summary>
/// A page of the timeline. Without <see cref="After"/> the page is newest-first (below <see cref="Before"/> if given);
/// with <see cref="After"/> it is oldest-first from there (and below <see cref="Before"/> if given).
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.TimelineQuery")]
public sealed record TimelineQuery(
    [property: Id(0)] long? Before = null,
    [property: Id(1)] long? After = null,
    [property: Id(2)] int? Limit = null)
{
    /// <summary>Checks the bounds and returns the page size to use.</summary>
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
