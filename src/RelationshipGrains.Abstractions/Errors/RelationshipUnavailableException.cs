namespace RelationshipGrains.Errors;

/// <summary>
/// The change was refused because something it depends on is out of reach (for example, events waiting for the
/// message broker have filled the grain's outbox); nothing was changed. Try again after <see cref="RetryAfterSeconds"/>.
/// </summary>
[GenerateSerializer, Alias("rg.RelationshipUnavailableException")]
public sealed class RelationshipUnavailableException : Exception
{
    /// <summary>Creates the error.</summary>
    public RelationshipUnavailableException(string message, int retryAfterSeconds) : base(message) => RetryAfterSeconds = retryAfterSeconds;

    /// <summary>Creates the error for a lower-level failure it stands for.</summary>
    public RelationshipUnavailableException(string message, int retryAfterSeconds, Exception cause) : base(message, cause) => RetryAfterSeconds = retryAfterSeconds;

    /// <summary>When trying again may succeed.</summary>
    [Id(0)]
    public int RetryAfterSeconds { get; private set; }
}
