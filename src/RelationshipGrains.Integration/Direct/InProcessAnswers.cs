using System.Runtime.ExceptionServices;
using MassTransit;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Hosting;

namespace RelationshipGrains.Integration.Direct;

/// <summary>
/// Answers on the in-memory bus that complete once their consumer has applied them. Completed on publishing, the ERP
/// consumer finished with a committed chain, its outbox let the event go, and a kill -9 before the chain took the ERP's
/// order status lost that status: nothing would place the order, or publish its answer, again.
/// </summary>
public sealed class InProcessAnswers(IPublishEndpoint bus, InProcessHandling handling) : IEventAnswers
{
    /// <summary>
    /// Publishes, and completes once the answer's consumer has applied it or refused it (the bus logs a refusal, and no
    /// attempt of the event it answers would change it).
    /// </summary>
    /// <exception cref="Exception">What the answer's consumer failed with after its last retry, for a reason that may pass.</exception>
    public async Task PublishAsync<T>(T answer, Guid messageId, CancellationToken cancellationToken) where T : class
    {
        var outcome = await handling.PublishAsync(messageId, typeof(T), () => bus.Publish(answer, c => c.MessageId = messageId, cancellationToken));
        if (await outcome.WaitAsync(cancellationToken) is { } failure && !ConsumerRetries.Refused(failure))
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }
}
