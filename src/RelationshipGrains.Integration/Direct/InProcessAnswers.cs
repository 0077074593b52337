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
public sealed class InProcessAnswers(IPublishEndpoint bus, InProcessHandling handling, TimeProvider time) : IEventAnswers
{
    /// <summary>
    /// How long an answer may take to be applied: longer than its consumer's retries (about 21 s). A grain may relay an
    /// event before the bus has started, and an in-memory exchange that no started endpoint is bound to yet drops what
    /// is published on it without an error; the attempt then fails here and is tried again, rather than waiting for ever.
    /// </summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Publishes, and completes once the answer's consumer has applied it or refused it (the bus logs a refusal, and no
    /// attempt of the event it answers would change it).
    /// </summary>
    /// <exception cref="Exception">What the answer's consumer failed with after its last retry, for a reason that may pass.</exception>
    /// <exception cref="TimeoutException">It was not applied within <see cref="AnswerTimeout"/>.</exception>
    public async Task PublishAsync<T>(T answer, Guid messageId, CancellationToken cancellationToken) where T : class
    {
        var outcome = await handling.PublishAsync(messageId, typeof(T), () => bus.Publish(answer, c => c.MessageId = messageId, cancellationToken));
        Exception? failure;
        try
        {
            failure = await outcome.WaitAsync(AnswerTimeout, time, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The {typeof(T).Name} {messageId} was not applied within {AnswerTimeout.TotalSeconds:0} s.", e);
        }

        if (failure is not null && !ConsumerRetries.Refused(failure))
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }
}
