namespace RelationshipGrains.Integration.Hosting;

public enum MessagingTransport
{
    /// <summary>Messages stay inside this process; right for one silo, wrong for a cluster.</summary>
    InMemory,

    /// <summary>A RabbitMQ broker that every silo shares.</summary>
    RabbitMq,
}
