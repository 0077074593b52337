using System.Collections.Concurrent;
using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Tests.Infrastructure;

/// <summary>Keeps every published integration event so tests can see what the back office would receive.</summary>
public sealed class RecordingIntegrationEventPublisher : IIntegrationEventPublisher
{
    public ConcurrentQueue<(object Event, string MessageId)> Published { get; } = new();

    public Task PublishAsync<T>(T integrationEvent, string messageId) where T : class
    {
        Published.Enqueue((integrationEvent, messageId));
        return Task.CompletedTask;
    }

    public IEnumerable<T> OfType<T>() => Published.Select(p => p.Event).OfType<T>();
}
