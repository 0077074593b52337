using Microsoft.Extensions.Logging;

namespace RelationshipGrains.Grains.Integration;

/// <summary>The embedded default until a message bus is configured: integration events go to the log.</summary>
public sealed partial class LoggingIntegrationEventPublisher(ILogger<LoggingIntegrationEventPublisher> logger) : IIntegrationEventPublisher
{
    public Task PublishAsync<T>(T integrationEvent, string messageId) where T : class
    {
        LogPublished(logger, typeof(T).Name, messageId, integrationEvent);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration event {EventType} {MessageId}: {Event}")]
    private static partial void LogPublished(ILogger logger, string eventType, string messageId, object @event);
}
