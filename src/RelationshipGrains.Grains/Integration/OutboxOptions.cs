namespace RelationshipGrains.Grains.Integration;

/// <summary>How grains relay their outboxes (configuration section "Outbox").</summary>
public sealed class OutboxOptions
{
    /// <summary>How long one publish may wait for the broker before it counts as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first retry after a failed publish; each further failure doubles it up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a reminder guards each grain with pending events. Turn it off only where storage and reminders die
    /// with the process anyway (the embedded profile), since then there is nothing for it to recover.
    /// </summary>
    public bool WakeUpReminder { get; set; } = true;

    /// <summary>
    /// The reminder that wakes a grain whose activation died with events still pending. Orleans refuses reminder
    /// periods under a minute unless its own minimum is lowered.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// On the in-process bus, how many times an event is published again after a consumer gave up on it (each time
    /// after the consumer's own retries, some 21 s, and the backoff): about a quarter of an hour by default. Then it is
    /// dropped with an error log that carries its payload, as a broker would move it to an error queue.
    /// </summary>
    public int ConsumerAttempts { get; set; } = 20;

    /// <summary>Events one grain may hold while the broker is out of reach; beyond it, changes are refused, not lost.</summary>
    public int MaxPendingPerGrain { get; set; } = 10_000;
}
