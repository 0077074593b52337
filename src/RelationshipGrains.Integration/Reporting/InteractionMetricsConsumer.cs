using MassTransit;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Integration.Hosting;
using RelationshipGrains.Reporting;

namespace RelationshipGrains.Integration.Reporting;

/// <summary>Counts interactions for BI in batches, so the one read-model grain takes one call per batch, not per interaction.</summary>
public sealed class InteractionMetricsConsumer(IGrainFactory grains) : IConsumer<Batch<InteractionRecorded>>, IEventBatchConsumer
{
    /// <summary>
    /// Facts per call to the read model. A cluster keeps the read model in one append blob, which snapshots every 100
    /// appends (with up to 50,000 remembered message ids): there a batch of 16 would cost each interaction 12 times the
    /// snapshot bytes of a batch of 200 and, at 10,000 interactions a second, more appends to that one blob than Azure's
    /// target for a single blob (500 requests a second). The embedded silo's direct delivery takes as many.
    /// </summary>
    public const int BatchSize = 200;

    /// <summary>
    /// Facts per call on the in-memory bus, used only when a host adds its own consumers to it. MassTransit gives a
    /// batch consumer's endpoint one reader per message a batch may hold, all waiting on one channel, and every message
    /// wakes them all: at 200 each interaction recorded woke 199 readers for nothing, about 15 KB of allocations per
    /// HTTP write (75.5 against 60.8 KB at 16, same process, A B B A).
    /// </summary>
    public static int BatchSizeFor(MessagingTransport transport) => transport == MessagingTransport.InMemory ? 16 : BatchSize;

    /// <summary>How long a batch waits to fill when interactions come slowly.</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(200);

    public Task Consume(ConsumeContext<Batch<InteractionRecorded>> context) =>
        Apply(context.Message.Select(m => Fact(m.Message, MessageIds.Required(m))));

    public Task ConsumeAsync(IReadOnlyList<(object Event, EventDelivery Delivery)> batch, CancellationToken cancellationToken) =>
        Apply(batch.Select(m => Fact((InteractionRecorded)m.Event, m.Delivery.MessageId)));

    private Task Apply(IEnumerable<MetricsFact> facts) => grains.GetGrain<IRelationshipMetricsGrain>(0).ApplyAsync([.. facts]);

    private static MetricsFact Fact(InteractionRecorded interaction, Guid messageId) =>
        new(messageId, MetricsFactKind.Interaction, $"{interaction.CustomerId}/{interaction.Sequence}", interaction.Channel, interaction.OccurredAt);
}
