using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.Grains.Integration;

/// <summary>
/// An integration event waiting in a grain's state to be published. The message id is fixed when the event is
/// written, so every retry, on any silo, publishes it under the same id.
/// </summary>
[GenerateSerializer, Immutable, Alias("rg.OutboxMessage")]
public sealed record OutboxMessage(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] string EventType,
    [property: Id(2)] string Payload,
    [property: Id(3)] DateTimeOffset CreatedAt)
{
    public static OutboxMessage Create<T>(T integrationEvent, DateTimeOffset now) where T : class =>
        new(OutboxMessageIds.Next(), typeof(T).Name, IntegrationEvents.Serialize(integrationEvent), now);
}
