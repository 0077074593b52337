using MassTransit;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.Integration.Publishing;

/// <summary>
/// Publishes a grain's outbox message on the bus under the message id the outbox fixed, so every retry of the same
/// event carries the same id. With RabbitMQ, the publish completes once the broker confirms it.
/// </summary>
public sealed class MassTransitIntegrationEventPublisher(IBus bus) : IIntegrationEventPublisher
{
    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var integrationEvent = IntegrationEvents.Deserialize(message.EventType, message.Payload);
        return bus.Publish(integrationEvent, integrationEvent.GetType(), context => context.MessageId = message.MessageId, cancellationToken);
    }
}
