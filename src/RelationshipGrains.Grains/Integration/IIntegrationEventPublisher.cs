namespace RelationshipGrains.Grains.Integration;

/// <summary>
/// How a grain's outbox hands events to the back office. Returning means the broker accepted the message; the
/// outbox then forgets it. Throwing (or cancellation) leaves it in the outbox for the next attempt.
/// </summary>
public interface IIntegrationEventPublisher
{
    Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Completes once a published message no longer needs the outbox: at once where the broker holds what it accepted
    /// durably; once the consumers have finished with it where the bus keeps it in memory only, with the failure of
    /// one that gave up on it after its last retry (null when all handled it).
    /// </summary>
    Task<Exception?> HandledAsync(Guid messageId) => NotWaited;

    /// <summary>
    /// Publishes, then gives the outcome <see cref="HandledAsync"/> would. A bus that knows the outcome at publishing
    /// gives it from there: looked up afterwards by id, an outcome already complete (a refusal, which is not retried)
    /// was gone and read as handled.
    /// </summary>
    async Task<Task<Exception?>> PublishAndWatchAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await PublishAsync(message, cancellationToken);
        return HandledAsync(message.MessageId);
    }

    /// <summary>The outcome of a message nothing waits for: handled.</summary>
    static readonly Task<Exception?> NotWaited = Task.FromResult<Exception?>(null);
}
