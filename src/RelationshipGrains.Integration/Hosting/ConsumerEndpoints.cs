using MassTransit;

namespace RelationshipGrains.Integration.Hosting;

/// <summary>What a consumer type takes and the endpoint name it is known by, read from its <c>IConsumer&lt;T&gt;</c> interfaces.</summary>
internal static class ConsumerEndpoints
{
    public static string Name(IEndpointNameFormatter names, Type consumer) =>
        (string)typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!.MakeGenericMethod(consumer).Invoke(names, null)!;

    /// <summary>The message types it consumes, each with whether it takes them in batches.</summary>
    public static IEnumerable<(Type Type, bool Batched)> Consumed(Type consumer) =>
        consumer.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .Select(m => m.IsGenericType && m.GetGenericTypeDefinition() == typeof(Batch<>) ? (m.GetGenericArguments()[0], true) : (m, false));
}
