using MassTransit;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Integration.Publishing;
using RelationshipGrains.Reporting;

namespace RelationshipGrains.Integration.Reporting;

/// <summary>Feeds the BI read model with the state of intents, ideas and value chains.</summary>
public sealed class RelationshipMetricsConsumer(IGrainFactory grains) :
    IConsumer<IntentExpressed>, IConsumer<IntentWithdrawn>, IConsumer<IdeaStatusChanged>,
    IConsumer<ValueChainOpened>, IConsumer<ValueChainCommitted>, IConsumer<ValueChainSlotStatusChanged>, IConsumer<ValueChainCancelled>
{
    public Task Consume(ConsumeContext<IntentExpressed> context) =>
        Apply(context, MetricsFactKind.Intent, $"{context.Message.CustomerId}/{context.Message.IntentId}", "open", context.Message.ExpressedAt);

    public Task Consume(ConsumeContext<IntentWithdrawn> context) =>
        Apply(context, MetricsFactKind.Intent, $"{context.Message.CustomerId}/{context.Message.IntentId}", "withdrawn", context.Message.WithdrawnAt);

    public Task Consume(ConsumeContext<IdeaStatusChanged> context) =>
        Apply(context, MetricsFactKind.Idea, context.Message.IdeaId, context.Message.Status, context.Message.ChangedAt);

    public Task Consume(ConsumeContext<ValueChainOpened> context) =>
        Apply(context, MetricsFactKind.ValueChain, context.Message.ValueChainId, "open", context.Message.OpenedAt);

    public Task Consume(ConsumeContext<ValueChainCommitted> context) =>
        Apply(context, MetricsFactKind.ValueChain, context.Message.ValueChainId, "Committed", context.Message.CommittedAt);

    /// <summary>
    /// Stamped with when the chain changed, not when the ERP says the slot did: the read model keeps a chain's latest
    /// fact, and a delivery reported late with its own earlier time left a completed chain counted as committed.
    /// </summary>
    public Task Consume(ConsumeContext<ValueChainSlotStatusChanged> context) =>
        Apply(context, MetricsFactKind.ValueChain, context.Message.ValueChainId, context.Message.ChainStatus,
            MassTransitIntegrationEventPublisher.RaisedAt(context) ?? context.Message.ChangedAt);

    public Task Consume(ConsumeContext<ValueChainCancelled> context) =>
        Apply(context, MetricsFactKind.ValueChain, context.Message.ValueChainId, "Cancelled", context.Message.CancelledAt);

    private Task Apply(ConsumeContext context, MetricsFactKind kind, string key, string value, DateTimeOffset at) =>
        grains.GetGrain<IRelationshipMetricsGrain>(0).ApplyAsync([new MetricsFact(MessageIds.Required(context), kind, key, value, at)]);
}
