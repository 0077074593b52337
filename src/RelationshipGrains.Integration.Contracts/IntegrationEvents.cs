using System.Text.Json;

namespace RelationshipGrains.Integration.Contracts;

/// <summary>
/// The integration events by name, and the one JSON form they take inside a grain's outbox, so an event written
/// today is read back the same way by a relay on another silo or a later version.
/// </summary>
public static class IntegrationEvents
{
    /// <summary>Events the grains publish.</summary>
    public static IReadOnlyList<Type> Outbound { get; } =
    [
        typeof(InteractionRecorded), typeof(IntentExpressed), typeof(IntentWithdrawn), typeof(ConsentChanged), typeof(CustomerErased),
        typeof(IdeaSelected), typeof(IdeaStatusChanged),
        typeof(ValueChainOpened), typeof(ValueChainCommitted), typeof(ValueChainSlotStatusChanged), typeof(ValueChainCancelled),
    ];

    /// <summary>Messages the back office sends us.</summary>
    public static IReadOnlyList<Type> Inbound { get; } =
        [typeof(ErpOrderStatusChanged), typeof(SocialMentionReceived), typeof(MarketingTouchRecorded), typeof(ServiceCaseUpdated)];

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> ByName = Outbound.Concat(Inbound).ToDictionary(t => t.Name);

    /// <summary>The event type stored under <paramref name="name"/>; only known contracts resolve, never arbitrary types.</summary>
    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"'{name}' is not a known integration event.");

    public static string Serialize<T>(T integrationEvent) where T : class => JsonSerializer.Serialize(integrationEvent, Json);

    public static byte[] SerializeToUtf8Bytes<T>(T integrationEvent) where T : class =>
        OutboundEventsJson.Of<T>.TypeInfo is { } generated
            ? JsonSerializer.SerializeToUtf8Bytes(integrationEvent, generated)
            : JsonSerializer.SerializeToUtf8Bytes(integrationEvent, Json);

    /// <summary>An event whose type is known only when it runs, with the contract's own JSON as for its type.</summary>
    public static byte[] SerializeToUtf8Bytes(object integrationEvent) =>
        OutboundEventsJson.Default.GetTypeInfo(integrationEvent.GetType()) is { } generated
            ? JsonSerializer.SerializeToUtf8Bytes(integrationEvent, generated)
            : JsonSerializer.SerializeToUtf8Bytes(integrationEvent, integrationEvent.GetType(), Json);

    public static object Deserialize(string name, string json) =>
        JsonSerializer.Deserialize(json, Resolve(name), Json) ?? throw new InvalidOperationException($"An empty {name} cannot be published.");

    public static object Deserialize(string name, ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, Resolve(name), Json) ?? throw new InvalidOperationException($"An empty {name} cannot be published.");
}
