using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.IntegrationTests.Infrastructure;

/// <summary>
/// Holds back the messages <see cref="Hold"/> names, as if the silo stopped between writing an event and
/// publishing it: the publish hangs until the outbox gives up on it.
/// </summary>
public sealed class GatedPublisher(IIntegrationEventPublisher inner, Func<OutboxMessage, bool> hold) : IIntegrationEventPublisher
{
    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (hold(message))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        await inner.PublishAsync(message, cancellationToken);
    }
}
