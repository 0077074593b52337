using Microsoft.Extensions.Logging;

namespace RelationshipGrains.Grains.Integration;

/// <summary>Used when no message bus is configured (grain-only hosts): integration events go to the log.</summary>
public sealed partial class LoggingIntegrationEventPublisher(ILogger<LoggingIntegrationEventPublisher> logger) : IIntegrationEventPublisher
{
    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        LogPublished(logger, message.EventType, message.MessageId, message.Payload);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration event {EventType} {MessageId}: {Payload}")]
    private static partial void LogPublished(ILogger logger, string eventType, Guid messageId, string payload);
}
