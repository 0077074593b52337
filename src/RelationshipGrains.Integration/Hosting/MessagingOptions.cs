namespace RelationshipGrains.Integration.Hosting;

/// <summary>The message bus (configuration section "Messaging").</summary>
public sealed class MessagingOptions
{
    /// <summary>InMemory (one process: the embedded default) or RabbitMq (a cluster).</summary>
    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();
}
