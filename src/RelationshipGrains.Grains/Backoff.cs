namespace RelationshipGrains.Grains;

/// <summary>Pauses that double with each failure in a row, up to a ceiling: for work a grain retries on its own.</summary>
internal static class Backoff
{
    /// <summary>
    /// The pause after <paramref name="failuresBefore"/> earlier failures in a row: <paramref name="first"/> doubled that
    /// often, at most <paramref name="longest"/>.
    /// </summary>
    public static TimeSpan Pause(TimeSpan first, TimeSpan longest, int failuresBefore) =>
        TimeSpan.FromTicks(Math.Min(longest.Ticks, first.Ticks << Math.Min(failuresBefore, 20)));
}
