using System.Text;
using System.Text.Json.Nodes;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.Grains.Integration;

/// <summary>
/// An integration event waiting in a grain's state to be published. The message id is fixed when the event is
/// written, so every retry, on any silo, publishes it under the same id.
/// </summary>
/// <param name="MessageId">The id every attempt publishes it under.</param>
/// <param name="EventType">The contract's name (<see cref="IntegrationEvents.Resolve"/>).</param>
/// <param name="Text">The event as JSON text: what outboxes stored until December 2026, null since (see <paramref name="Json"/>).</param>
/// <param name="CreatedAt">When the change that raised it was made.</param>
/// <param name="Json">The event as UTF-8 JSON.</param>
/// <param name="Entry">
/// For an event stored as a reference (no JSON), the sequence of the timeline entry it is built from: the grain keeps
/// that entry anyway, and the event's JSON beside it made an interaction's append 697 B instead of 423 and its call
/// about a tenth slower in the silo. 0 for an event stored whole.
/// </param>
[GenerateSerializer, Immutable, Alias("rg.OutboxMessage")]
public sealed record OutboxMessage(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] string EventType,
    [property: Id(2)] string? Text,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] byte[]? Json = null,
    [property: Id(5)] long Entry = 0)
{
    /// <summary>
    /// The event itself, while the activation that raised it holds it; never stored. Relayed from there, it is not
    /// read back from the JSON it was just written as; after a reactivation it is (or, for a reference, built again).
    /// </summary>
    public object? Event { get => _event; private init => _event = value; }

    [NonSerialized]
    private readonly object? _event;

    /// <summary>Stored as the timeline entry it is built from, not as JSON of its own.</summary>
    public bool IsReference => Entry > 0 && Json is null && Text is null;

    /// <summary>The JSON as text, for logs and tests.</summary>
    public string Payload => Text ?? (Json is { } json ? Encoding.UTF8.GetString(json)
        : Event is { } raised ? Encoding.UTF8.GetString(IntegrationEvents.SerializeToUtf8Bytes(raised)) : "");

    public static OutboxMessage Create<T>(T integrationEvent, DateTimeOffset now) where T : class =>
        new(OutboxMessageIds.Next(), typeof(T).Name, Text: null, now, IntegrationEvents.SerializeToUtf8Bytes(integrationEvent))
        {
            Event = integrationEvent,
        };

    /// <summary>
    /// An event stored as a reference to the timeline entry at <paramref name="entry"/>: the grain that raises it must
    /// build it again from that entry after a reactivation (<see cref="WithEvent"/>), and store it whole
    /// (<see cref="Whole"/>) before the entry leaves its state or changes.
    /// </summary>
    public static OutboxMessage Referring<T>(T integrationEvent, DateTimeOffset now, long entry) where T : class =>
        entry > 0
            ? new(OutboxMessageIds.Next(), typeof(T).Name, Text: null, now, Json: null, entry) { Event = integrationEvent }
            : throw new ArgumentOutOfRangeException(nameof(entry), entry, "A timeline entry's sequence is 1 or more.");

    /// <summary>This message with its event, built again from what it refers to; nothing of it is stored.</summary>
    public OutboxMessage WithEvent(object integrationEvent) => this with { Event = integrationEvent };

    /// <summary>The same message stored whole, as JSON; this one if it is already. A reference must hold its event.</summary>
    public OutboxMessage Whole() => !IsReference ? this
        : Event is { } raised ? new(MessageId, EventType, Text: null, CreatedAt, IntegrationEvents.SerializeToUtf8Bytes(raised)) { Event = raised }
        : throw NotBuilt();

    private InvalidOperationException NotBuilt() =>
        new($"Outbox message {MessageId} ({EventType}) refers to timeline entry {Entry}, which its grain did not find.");

    /// <summary>
    /// The same message, under the same id, with each change made to the event: in the named property (by its JSON
    /// name, camelCase), a string, or a list's item, that <see cref="EventChange.Matches"/> becomes
    /// <see cref="EventChange.To"/> (null: a null string, or the item gone). This one when none applies, or its JSON
    /// cannot be read (the relay drops such an event). For an erasure, whose pseudonym takes the customer's place in
    /// events still waiting for the broker, and whose removed words leave them too.
    /// </summary>
    public OutboxMessage Replacing(IReadOnlyList<EventChange> changes)
    {
        if (IsReference)
        {
            return Event is null ? this : Whole().Replacing(changes);
        }

        JsonObject? json;
        try
        {
            json = JsonNode.Parse(Json ?? Encoding.UTF8.GetBytes(Text ?? "")) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return this;
        }

        if (json is null)
        {
            return this;
        }

        var replaced = false;
        foreach (var change in changes)
        {
            switch (json[change.Property])
            {
                case JsonValue value when Hits(value, change):
                    json[change.Property] = change.To;
                    replaced = true;
                    break;
                case JsonArray items:
                    for (var i = items.Count - 1; i >= 0; i--)
                    {
                        if (Hits(items[i], change))
                        {
                            if (change.To is null)
                            {
                                items.RemoveAt(i);
                            }
                            else
                            {
                                items[i] = change.To;
                            }

                            replaced = true;
                        }
                    }

                    break;
            }
        }

        return replaced ? new OutboxMessage(MessageId, EventType, Text: null, CreatedAt, Encoding.UTF8.GetBytes(json.ToJsonString())) : this;

        static bool Hits(JsonNode? node, EventChange change) =>
            node is JsonValue value && value.TryGetValue<string>(out var text) && text != change.To && change.Matches(text);
    }

    /// <summary>The event to publish: the one raised (or built again), or the one its stored JSON says.</summary>
    /// <exception cref="System.Text.Json.JsonException">The stored JSON is not the event it names.</exception>
    /// <exception cref="InvalidOperationException">
    /// The event type is unknown, the JSON is empty, or the message is a reference whose event was not built again.
    /// </exception>
    public object Read() => Event ?? (Json is { } json ? IntegrationEvents.Deserialize(EventType, json)
        : IsReference ? throw NotBuilt()
        : IntegrationEvents.Deserialize(EventType, Text ?? ""));
}
