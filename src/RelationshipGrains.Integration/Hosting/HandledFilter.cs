using MassTransit;

namespace RelationshipGrains.Integration.Hosting;

/// <summary>
/// Outermost on each of our in-process endpoints, outside the retries: reports a message finished once its consumer
/// has handled it or failed its last attempt (a batch consumer's message, once its batch is handled).
/// </summary>
internal sealed class HandledFilter(InProcessHandling handling, string endpoint) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        try
        {
            await next.Send(context);
        }
        finally
        {
            if (context.MessageId is { } messageId)
            {
                handling.Handled(messageId, endpoint);
            }
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("handled");
}
