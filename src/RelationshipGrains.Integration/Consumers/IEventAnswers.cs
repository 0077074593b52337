using MassTransit;

namespace RelationshipGrains.Integration.Consumers;

/// <summary>Where a consumer publishes what it answers an event with (the ERP's order status, which comes back to the chain).</summary>
public interface IEventAnswers
{
    /// <summary>
    /// Publishes <paramref name="answer"/> under <paramref name="messageId"/>; completes once the answer is as safe as
    /// the event it answers: accepted by a broker that keeps it durably or, in process, applied by its consumer. Only
    /// then may the event be let go.
    /// </summary>
    Task PublishAsync<T>(T answer, Guid messageId, CancellationToken cancellationToken) where T : class;
}

/// <summary>Answers on a MassTransit bus, under the message id given.</summary>
public sealed class BusAnswers(IPublishEndpoint bus) : IEventAnswers
{
    public Task PublishAsync<T>(T answer, Guid messageId, CancellationToken cancellationToken) where T : class =>
        bus.Publish(answer, c => c.MessageId = messageId, cancellationToken);
}
