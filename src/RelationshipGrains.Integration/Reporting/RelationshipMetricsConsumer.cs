using MassTransit;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Reporting;

namespace RelationshipGrains.Integration.Reporting;

/// <summary>Feeds the BI read model with the state of intents, ideas and value chains.</summary>
public sealed class RelationshipMetricsConsumer(IGrainFactory grains) :
    IConsumer<IntentExpressed>, IConsumer<IntentWithdrawn>, IConsumer<IdeaStatusChanged>,
    IConsumer<ValueChainOpened>, IConsumer<ValueChainCommitted>, IConsumer<ValueChainSlotStatusChanged>, IConsumer<ValueChainCancelled>,
    IEventConsumer
{
    public Task Consume(ConsumeContext<IntentExpressed> context) => ConsumeAsync(context.Message, EventDelivery.Of(context));

    public Task Consume(ConsumeContext<IntentWithdrawn> context) => ConsumeAsync(context.Message, EventDelivery.Of(context));

    public Task Consume(ConsumeContext<IdeaStatusChanged> context) => ConsumeAsync(context.Message, EventDelivery.Of(context));

    public Task Consume(ConsumeContext<ValueChainOpened> context) => ConsumeAsync(context.Message, EventDelivery.Of(context));

    public Task Consume(ConsumeContext<ValueChainCommitted> context) => ConsumeAsync(context.Message, EventDelivery.Of(context));

    public Task Consume(ConsumeContext<ValueChainSlotStatusChanged> context) => ConsumeAsync(context.Message, EventDelivery.Of(context));

    public Task Consume(ConsumeContext<ValueChainCancelled> context) => ConsumeAsync(context.Message, EventDelivery.Of(context));

    public Task ConsumeAsync(object integrationEvent, EventDelivery delivery)
    {
        var (kind, key, value, at) = integrationEvent switch
        {
            IntentExpressed e => (MetricsFactKind.Intent, $"{e.CustomerId}/{e.IntentId}", "open", e.ExpressedAt),
            IntentWithdrawn e => (MetricsFactKind.Intent, $"{e.CustomerId}/{e.IntentId}", "withdrawn", e.WithdrawnAt),
            IdeaStatusChanged e => (MetricsFactKind.Idea, e.IdeaId, e.Status, e.ChangedAt),
            ValueChainOpened e => (MetricsFactKind.ValueChain, e.ValueChainId, "open", e.OpenedAt),
            ValueChainCommitted e => (MetricsFactKind.ValueChain, e.ValueChainId, "Committed", e.CommittedAt),
            // Stamped with when the chain changed, not when the ERP says the slot did: the read model keeps a chain's
            // latest fact, and a delivery reported late with its own earlier time left a completed chain counted as committed.
            ValueChainSlotStatusChanged e => (MetricsFactKind.ValueChain, e.ValueChainId, e.ChainStatus, delivery.RaisedAt ?? e.ChangedAt),
            ValueChainCancelled e => (MetricsFactKind.ValueChain, e.ValueChainId, "Cancelled", e.CancelledAt),
            _ => throw new ArgumentException($"The BI read model takes no {integrationEvent.GetType().Name}.", nameof(integrationEvent)),
        };
        return grains.GetGrain<IRelationshipMetricsGrain>(0).ApplyAsync([new MetricsFact(delivery.MessageId, kind, key, value, at)]);
    }
}
