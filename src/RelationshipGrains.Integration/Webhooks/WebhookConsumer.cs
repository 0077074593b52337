using MassTransit;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.Integration.Webhooks;

/// <summary>Hands every event we publish to the webhook dispatcher.</summary>
public sealed class WebhookConsumer(WebhookDispatcher dispatcher) :
    IConsumer<InteractionRecorded>, IConsumer<IntentExpressed>, IConsumer<IntentWithdrawn>, IConsumer<ConsentChanged>,
    IConsumer<CustomerErased>, IConsumer<IdeaSelected>, IConsumer<IdeaStatusChanged>, IConsumer<ValueChainOpened>, IConsumer<ValueChainCommitted>,
    IConsumer<ValueChainSlotStatusChanged>, IConsumer<ValueChainCancelled>, IEventConsumer
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

    public Task ConsumeAsync(object integrationEvent, EventDelivery delivery) =>
        dispatcher.DispatchAsync(integrationEvent, delivery.MessageId, delivery.RaisedAt, delivery.CancellationToken);

    private Task Dispatch<T>(ConsumeContext<T> context) where T : class => ConsumeAsync(context.Message, EventDelivery.Of(context));
}
