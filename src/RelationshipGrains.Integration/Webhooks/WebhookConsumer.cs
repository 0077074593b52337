using MassTransit;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Integration.Publishing;

namespace RelationshipGrains.Integration.Webhooks;

/// <summary>Hands every event we publish to the webhook dispatcher.</summary>
public sealed class WebhookConsumer(WebhookDispatcher dispatcher) :
    IConsumer<InteractionRecorded>, IConsumer<IntentExpressed>, IConsumer<IntentWithdrawn>, IConsumer<ConsentChanged>,
    IConsumer<CustomerErased>, IConsumer<IdeaSelected>, IConsumer<IdeaStatusChanged>, IConsumer<ValueChainOpened>, IConsumer<ValueChainCommitted>,
    IConsumer<ValueChainSlotStatusChanged>, IConsumer<ValueChainCancelled>
{
    public Task Consume(ConsumeContext<InteractionRecorded> context) => Dispatch(context);

    public Task Consume(ConsumeContext<IntentExpressed> context) => Dispatch(context);

    public Task Consume(ConsumeContext<IntentWithdrawn> context) => Dispatch(context);

    public Task Consume(ConsumeContext<ConsentChanged> context) => Dispatch(context);

    public Task Consume(ConsumeContext<CustomerErased> context) => Dispatch(context);

    public Task Consume(ConsumeContext<IdeaSelected> context) => Dispatch(context);

    public Task Consume(ConsumeContext<IdeaStatusChanged> context) => Dispatch(context);

    public Task Consume(ConsumeContext<ValueChainOpened> context) => Dispatch(context);

    public Task Consume(ConsumeContext<ValueChainCommitted> context) => Dispatch(context);

    public Task Consume(ConsumeContext<ValueChainSlotStatusChanged> context) => Dispatch(context);

    public Task Consume(ConsumeContext<ValueChainCancelled> context) => Dispatch(context);

    private Task Dispatch<T>(ConsumeContext<T> context) where T : class =>
        dispatcher.DispatchAsync(context.Message, MessageIds.Required(context), MassTransitIntegrationEventPublisher.RaisedAt(context), context.CancellationToken);
}
