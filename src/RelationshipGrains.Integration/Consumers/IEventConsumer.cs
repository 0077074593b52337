namespace RelationshipGrains.Integration.Consumers;

/// <summary>
/// A consumer of our outbound events that takes them as they are, without MassTransit's receive pipeline: the embedded
/// silo's direct delivery calls it, and so do its <c>IConsumer&lt;T&gt;</c> methods, which say which events it takes.
/// </summary>
public interface IEventConsumer
{
    Task ConsumeAsync(object integrationEvent, EventDelivery delivery);
}

/// <summary>An <see cref="IEventConsumer"/> that takes its events in batches (its <c>IConsumer&lt;Batch&lt;T&gt;&gt;</c> says of what).</summary>
public interface IEventBatchConsumer
{
    Task ConsumeAsync(IReadOnlyList<(object Event, EventDelivery Delivery)> batch, CancellationToken cancellationToken);
}
