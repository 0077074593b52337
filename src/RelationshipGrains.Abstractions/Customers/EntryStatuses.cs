using RelationshipGrains.Errors;

namespace RelationshipGrains.Customers;

/// <summary>The statuses each trackable entry kind may hold; the first is where a new entry starts.</summary>
public static class EntryStatuses
{
    private static readonly Dictionary<TimelineEntryKind, string[]> _byKind = new()
    {
        [TimelineEntryKind.ServiceCase] = ["open", "pending", "resolved", "closed"],
        [TimelineEntryKind.SalesOpportunity] = ["open", "qualified", "proposal", "won", "lost"],
        [TimelineEntryKind.MarketingTouch] = ["sent", "delivered", "opened", "clicked", "converted", "bounced", "unsubscribed"],
    };

    /// <summary>Whether entries of this kind carry a status.</summary>
    /// <param name="kind">The entry kind.</param>
    /// <returns>True for service cases, sales opportunities and marketing touches.</returns>
    public static bool IsTracked(TimelineEntryKind kind) => _byKind.ContainsKey(kind);

    /// <summary>The allowed statuses of a kind, or none.</summary>
    /// <param name="kind">The entry kind.</param>
    /// <returns>The statuses in order, the starting one first; empty for a kind without statuses.</returns>
    public static IReadOnlyList<string> For(TimelineEntryKind kind) => _byKind.TryGetValue(kind, out var s) ? s : [];

    /// <summary>Checks a status for a kind; a tracked kind without one starts at its first status.</summary>
    /// <param name="kind">The kind of entry the status is for.</param>
    /// <param name="status">The status asked for, in lower case; null means the kind's first.</param>
    /// <param name="field">The field's name in errors.</param>
    /// <returns>The status to record: the one asked for, the kind's first when none was, or null for a kind without statuses.</returns>
    /// <exception cref="Errors.RelationshipValidationException">
    /// A status is given for a kind without statuses, or it is not one of the kind's (the message lists them).
    /// </exception>
    public static string? Validate(TimelineEntryKind kind, string? status, string field)
    {
        if (!_byKind.TryGetValue(kind, out var allowed))
        {
            return status is null
                ? null
                : throw new RelationshipValidationException(field, $"{field} is only given for service cases, sales opportunities and marketing touches.");
        }

        if (status is null)
        {
            return allowed[0];
        }

        return allowed.Contains(status)
            ? status
            : throw new RelationshipValidationException(field, $"{field} must be one of: {string.Join(", ", allowed)}.");
    }
}
