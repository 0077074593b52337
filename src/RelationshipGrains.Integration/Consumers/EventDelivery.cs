using System.Diagnostics;
using MassTransit;
using RelationshipGrains.Integration.Publishing;

namespace RelationshipGrains.Integration.Consumers;

/// <summary>
/// What a consumer of our events needs of one delivery, whether MassTransit's receive endpoint or the embedded silo's
/// direct delivery brought it.
/// </summary>
/// <param name="MessageId">The outbox's id for the event, the same on every delivery of it.</param>
/// <param name="RaisedAt">When the change that raised it was made; null for a message that does not say.</param>
/// <param name="Answers">Where a consumer publishes what it answers with.</param>
/// <param name="CancellationToken">Stops the consumer (the bus or the silo stopping).</param>
/// <param name="Trace">
/// The trace the event was relayed in, which the direct delivery's span of the consumer continues; MassTransit carries
/// its own in the message.
/// </param>
public readonly record struct EventDelivery(Guid MessageId, DateTimeOffset? RaisedAt, IEventAnswers Answers, CancellationToken CancellationToken,
    ActivityContext Trace = default)
{
    /// <summary>From a message MassTransit delivered: refused (into the error queue) without a message id.</summary>
    public static EventDelivery Of(ConsumeContext context) =>
        new(MessageIds.Required(context), MassTransitIntegrationEventPublisher.RaisedAt(context), new BusAnswers(context), context.CancellationToken);
}
