using MassTransit;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Reporting;

namespace RelationshipGrains.Integration.Reporting;

/// <summary>Counts interactions for BI in batches, so the one read-model grain takes one call per batch, not per interaction.</summary>
public sealed class InteractionMetricsConsumer(IGrainFactory grains) : IConsumer<Batch<InteractionRecorded>>
{
    public Task Consume(ConsumeContext<Batch<InteractionRecorded>> context) =>
        grains.GetGrain<IRelationshipMetricsGrain>(0).ApplyAsync([.. context.Message.Select(m =>
            new MetricsFact(MessageIds.Required(m), MetricsFactKind.Interaction, $"{m.Message.CustomerId}/{m.Message.Sequence}",
                m.Message.Channel, m.Message.OccurredAt))]);
}
