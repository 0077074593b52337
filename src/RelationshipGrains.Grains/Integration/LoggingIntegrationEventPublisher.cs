using Microsoft.Extensions.Logging;

namespace RelationshipGrains.Grains.Integration;

/// <summary>Used when no message bus is configured (grain-only hosts): integration events go to the log.</summary>
public sealed partial class LoggingIntegrationEventPublisher(ILogger<LoggingIntegrationEventPublisher> logger) : IIntegrationEventPublisher
{
    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // Asked first: the payload is decoded from UTF-8 for the log line only.
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogPublished(logger, message.EventType, message.MessageId, message.Payload);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration event {EventType} {MessageId}: {Payload}")]
    private static partial void LogPublished(ILogger logger, string eventType, Guid messageId, string payload);
}
