namespace RelationshipGrains.Grains.Webhooks;

/// <summary>Outbound webhooks (configuration section "Webhooks").</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// Lets subscriptions target loopback, private and link-local addresses. Off by default so nobody can point
    /// us at our own network or a cloud metadata service; a private deployment or a test may turn it on.
    /// </summary>
    public bool AllowInternalTargets { get; set; }

    /// <summary>Attempts per delivery before it becomes a dead letter.</summary>
    public int Attempts { get; set; } = 5;

    /// <summary>The wait after the first failed attempt; it doubles after each further failure.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The wait after <paramref name="failedAttempts"/> failures: <see cref="FirstRetryDelay"/> doubled after each
    /// failure past the first, up to the schedule's longest (the wait before the last attempt).
    /// </summary>
    public TimeSpan WaitAfter(int failedAttempts) =>
        FirstRetryDelay * Math.Pow(2, Math.Min(Math.Max(failedAttempts, 1), Math.Max(Attempts - 1, 1)) - 1);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a silo reuses the list of subscriptions it read for an event type before reading it again. A change to
    /// the subscriptions answers only once this long has passed, so no silo still uses a list read before it.
    /// </summary>
    public TimeSpan TargetCacheLease { get; set; } = TimeSpan.FromSeconds(1);
}
