using MassTransit;

namespace RelationshipGrains.Integration.Hosting;

/// <summary>
/// Keeps deployments that share a broker apart (<c>Messaging:QueuePrefix</c>). Prefixing queue names alone did not:
/// every message type is published to an exchange named after the type, and each deployment bound its queues to that
/// same exchange, so every deployment received every other's events. Queues a stopped deployment (or a finished test
/// cluster) left behind also took a durable copy of every later event, and in the three-silo kill test those copies
/// slowed the broker until its publish confirms timed out.
/// </summary>
public static class DeploymentPrefix
{
    /// <summary>
    /// Names each message type's exchange <c>{prefix}-{type}</c>, as queues are named <c>{prefix}-{queue}</c>; an
    /// empty prefix keeps MassTransit's names. A back-office system publishing straight to the bus uses the same.
    /// </summary>
    public static void UseDeploymentPrefix(this IBusFactoryConfigurator bus, string? prefix)
    {
        if (!string.IsNullOrEmpty(prefix))
        {
            bus.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(bus.MessageTopology.EntityNameFormatter, $"{prefix}-"));
        }
    }
}
