namespace RelationshipGrains.Integration.Hosting;

/// <summary>Where the RabbitMQ broker is (configuration section "Messaging:RabbitMq").</summary>
public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string? Username { get; set; }
    public string? Password { get; set; }
    public bool UseTls { get; set; }
}
