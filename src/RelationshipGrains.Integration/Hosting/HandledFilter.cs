using MassTransit;

namespace RelationshipGrains.Integration.Hosting;

/// <summary>
/// Outermost on each of our in-process endpoints, outside the retries: reports a message finished once its consumer
/// has handled it or failed its last attempt, and how (a batch consumer's message, once its batch is handled).
/// </summary>
internal sealed class HandledFilter(InProcessHandling handling, string endpoint) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        Exception? failure = null;
        try
        {
            await next.Send(context);
        }
        catch (Exception e)
        {
            // Told to whoever waits: the inbound webhook answers with it instead of 202, as nothing was applied.
            failure = e;
            throw;
        }
        finally
        {
            if (context.MessageId is { } messageId)
            {
                handling.Handled(messageId, endpoint, failure);
            }
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("handled");
}
