using Microsoft.Extensions.Logging;

namespace RelationshipGrains.Grains.Integration;

public static partial class PublishingExtensions
{
    /// <summary>
    /// Publishes after the grain's write. The change is already durable, so a failed hand-off is logged rather than
    /// reported as a failed request.
    /// </summary>
    public static async Task PublishOrLogAsync<T>(this IIntegrationEventPublisher publisher, T integrationEvent, string messageId, ILogger logger)
        where T : class
    {
        try
        {
            await publisher.PublishAsync(integrationEvent, messageId);
        }
        catch (Exception e)
        {
            LogPublishFailed(logger, e, typeof(T).Name, messageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing integration event {EventType} {MessageId} failed.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string eventType, string messageId);
}
