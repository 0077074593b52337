namespace RelationshipGrains.Errors;

/// <summary>
/// What a live feed answers a subscriber resuming past its latest event: the grain and the HTTP feed (which must answer
/// before its stream begins) say the same.
/// </summary>
public static class FeedResumeErrors
{
    /// <summary>A customer's timeline past its latest entry: it started again from 1 after an erasure.</summary>
    /// <param name="latest">The timeline's latest sequence.</param>
    /// <param name="after">Where the subscriber asked to resume.</param>
    /// <returns>The conflict to throw.</returns>
    public static RelationshipConflictException TimelineStartedAgain(long latest, long after) => new(
        $"The timeline's latest entry is {latest}, before {after}: it started again from sequence 1 (the customer was erased) since that event. Follow it from the start (after=0).");

    /// <summary>A community's feed past its latest event: it never starts again, so only a made-up number gets there.</summary>
    /// <param name="field">The request's name for the resume point.</param>
    /// <param name="after">Where the subscriber asked to resume.</param>
    /// <param name="latest">The feed's latest event.</param>
    /// <returns>The validation error to throw.</returns>
    public static RelationshipValidationException PastLatestEvent(string field, long after, long latest) =>
        new(field, $"{field} {after} is past the feed's latest event, {latest}.");
}
