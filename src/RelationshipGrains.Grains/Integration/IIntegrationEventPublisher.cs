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
    /// durably; once the consumers have handled it where the bus keeps it in memory only.
    /// </summary>
    Task HandledAsync(Guid messageId) => Task.CompletedTask;
}
