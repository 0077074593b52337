namespace RelationshipGrains.Errors;

/// <summary>Too many changes from one customer or member in a short time; nothing was changed. Try again after <see cref="RetryAfterSeconds"/>.</summary>
[GenerateSerializer, Alias("rg.RelationshipRateLimitedException")]
public sealed class RelationshipRateLimitedException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">Which limit was reached, in a sentence for the caller.</param>
    /// <param name="retryAfterSeconds">
    /// Seconds until another try will succeed; the grains give 1 or more. Becomes <see cref="RetryAfterSeconds"/>.
    /// </param>
    public RelationshipRateLimitedException(string message, int retryAfterSeconds) : base(message) => RetryAfterSeconds = retryAfterSeconds;

    /// <summary>When trying again will succeed.</summary>
    [Id(0)]
    public int RetryAfterSeconds { get; private set; }
}
