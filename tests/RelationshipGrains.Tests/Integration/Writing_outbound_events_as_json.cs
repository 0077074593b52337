using System.Text.Json;
using System.Text.Json.Serialization;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.Tests.Integration;

/// <summary>
/// Outboxes store events as JSON written from build-time metadata: it must be the very JSON the shared options write
/// (relays on older silos, the erasure's rewrite and consumers read it), and it must cover every outbound event.
/// </summary>
public sealed class Writing_outbound_events_as_json
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 19, 30, 15, 123, TimeSpan.FromHours(1));

    public static TheoryData<object> Events() =>
    [
        new InteractionRecorded("c-1", 42, "i-1", "interaction", "email", "inbound", "billing", null, At, At.AddTicks(7)),
        new ConsentChanged("c-1", "p-1", ["read-timeline", "offer"], null, At),
        new IntentExpressed("c-1", "in-1", "kitchen", 1234.50m, "EUR", At.AddDays(30), [], At),
        new ValueChainCommitted("vc-1", "c-1", "New kitchen", [new CommittedSlot("installer", "p-1", 99.99m, "EUR", 14)], At),
        new CustomerErased("c-1", ["p-1", "p-2"], At),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void An_event_is_written_as_the_shared_options_write_it(object integrationEvent)
    {
        var generated = Serialize((dynamic)integrationEvent);

        Assert.Equal(JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), IntegrationEvents.Json), generated);
        Assert.Equal(integrationEvent, IntegrationEvents.Deserialize(integrationEvent.GetType().Name, System.Text.Encoding.UTF8.GetBytes(generated)), new EventsAsJson());
    }

    [Fact]
    public void Every_outbound_event_has_build_time_metadata()
    {
        var context = (JsonSerializerContext)typeof(IntegrationEvents).Assembly.GetType("RelationshipGrains.Integration.Contracts.OutboundEventsJson")!
            .GetProperty("Default")!.GetValue(null)!;

        Assert.All(IntegrationEvents.Outbound, type => Assert.NotNull(context.GetTypeInfo(type)));
    }

    private static string Serialize<T>(T integrationEvent) where T : class =>
        System.Text.Encoding.UTF8.GetString(IntegrationEvents.SerializeToUtf8Bytes(integrationEvent));

    /// <summary>Records holding lists compare the lists by reference; their JSON tells whether they match.</summary>
    private sealed class EventsAsJson : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) =>
            JsonSerializer.Serialize(x, x!.GetType(), IntegrationEvents.Json) == JsonSerializer.Serialize(y, y!.GetType(), IntegrationEvents.Json);

        public int GetHashCode(object obj) => 0;
    }
}
