using MassTransit;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Hosting;

namespace RelationshipGrains.Integration.Publishing;

/// <summary>
/// Publishes a grain's outbox message on the bus under the message id the outbox fixed, so every retry of the same
/// event carries the same id. With RabbitMQ, the publish completes once the broker confirms it; on the in-process bus
/// (<paramref name="handling"/>) the event is handled once our consumers have finished with it.
/// </summary>
public sealed class MassTransitIntegrationEventPublisher(IBus bus, InProcessHandling? handling = null) : IIntegrationEventPublisher
{
    /// <summary>When the change that raised the event was made (round-trip format), the same on every publish of it.</summary>
    public const string RaisedAtHeader = "RG-Raised-At";

    /// <summary>When the event was raised, from the header this publisher sets; null for a message without it.</summary>
    public static DateTimeOffset? RaisedAt(ConsumeContext context) =>
        context.Headers.Get<string>(RaisedAtHeader) is { } text
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var raisedAt)
            ? raisedAt
            : null;

    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken) => PublishAndWatchAsync(message, cancellationToken);

    public Task<Task<Exception?>> PublishAndWatchAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var integrationEvent = OutboxEvents.Read(message);

        var raisedAt = message.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Task Publish() => bus.Publish(integrationEvent, integrationEvent.GetType(), context =>
        {
            context.MessageId = message.MessageId;
            context.Headers.Set(RaisedAtHeader, raisedAt);
        }, cancellationToken);
        return handling is null ? Published(Publish()) : handling.PublishAsync(message.MessageId, integrationEvent.GetType(), Publish);
    }

    private static async Task<Task<Exception?>> Published(Task publish)
    {
        await publish;
        return IIntegrationEventPublisher.NotWaited;
    }

    public Task<Exception?> HandledAsync(Guid messageId) => handling?.HandledAsync(messageId) ?? IIntegrationEventPublisher.NotWaited;
}
