namespace RelationshipGrains.Errors;

/// <summary>
/// The change was refused because something it depends on is out of reach (for example, events waiting for the
/// message broker have filled the grain's outbox); nothing was changed. Try again after <see cref="RetryAfterSeconds"/>.
/// </summary>
[GenerateSerializer, Alias("rg.RelationshipUnavailableException")]
public sealed class RelationshipUnavailableException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is out of reach, in a sentence for the caller.</param>
    /// <param name="retryAfterSeconds">Seconds to wait before trying again. Becomes <see cref="RetryAfterSeconds"/>.</param>
    public RelationshipUnavailableException(string message, int retryAfterSeconds) : base(message) => RetryAfterSeconds = retryAfterSeconds;

    /// <summary>Creates the error for a lower-level failure it stands for.</summary>
    /// <param name="message">What is out of reach, in a sentence for the caller.</param>
    /// <param name="retryAfterSeconds">Seconds to wait before trying again. Becomes <see cref="RetryAfterSeconds"/>.</param>
    /// <param name="cause">The lower-level failure, kept as the inner exception.</param>
    public RelationshipUnavailableException(string message, int retryAfterSeconds, Exception cause) : base(message, cause) => RetryAfterSeconds = retryAfterSeconds;

    /// <summary>When trying again may succeed.</summary>
    [Id(0)]
    public int RetryAfterSeconds { get; private set; }
}
