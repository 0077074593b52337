namespace RelationshipGrains.Integration.Hosting;

/// <summary>The message bus (configuration section "Messaging").</summary>
public sealed class MessagingOptions
{
    /// <summary>InMemory (one process: the embedded default) or RabbitMq (a cluster).</summary>
    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>
    /// Put before every queue and message exchange name, so several deployments (or test clusters) can share one
    /// broker without receiving each other's messages (<see cref="DeploymentPrefix"/>). Empty by default.
    /// </summary>
    public string QueuePrefix { get; set; } = "";
}
