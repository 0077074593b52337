namespace RelationshipGrains.Grains.Integration;

/// <summary>
/// How grains hand integration events to the back office. Grains call it only after their state write, with a
/// message id that is the same on every retry, so consumers can de-duplicate.
/// </summary>
public interface IIntegrationEventPublisher
{
    Task PublishAsync<T>(T integrationEvent, string messageId) where T : class;
}
