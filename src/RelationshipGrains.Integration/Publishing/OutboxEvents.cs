using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Integration.Publishing;

internal static class OutboxEvents
{
    /// <summary>The event an outbox message carries.</summary>
    /// <exception cref="UnpublishableEventException">Its stored form cannot be read, and never will be.</exception>
    public static object Read(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return message.Read();
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or NotSupportedException)
        {
            throw new UnpublishableEventException($"Outbox message {message.MessageId} ({message.EventType}) cannot be read: {e.Message}", e);
        }
    }
}
