using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.Tests.Integration;

public sealed class Reading_outbox_messages
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(OutboxMessage).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static readonly InteractionRecorded Recorded =
        new("ada", 7, "chat-1", "interaction", "chat", "inbound", "orders", null, Now, Now);

    [Fact]
    public void A_stored_message_carries_its_event_as_json_but_not_the_event_object()
    {
        var raised = OutboxMessage.Create(Recorded, Now);

        var stored = Serializer.Deserialize<OutboxMessage>(Serializer.SerializeToArray(raised))!;

        Assert.Same(Recorded, raised.Read());
        Assert.Null(stored.Event);
        Assert.Equal(Recorded, stored.Read());
        Assert.Equal(raised.Payload, stored.Payload);
        Assert.Contains("\"interactionId\":\"chat-1\"", stored.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_stored_as_json_text_by_earlier_versions_still_reads()
    {
        var earlier = new OutboxMessage(Guid.NewGuid(), nameof(InteractionRecorded), IntegrationEvents.Serialize(Recorded), Now);

        var stored = Serializer.Deserialize<OutboxMessage>(Serializer.SerializeToArray(earlier))!;

        Assert.Null(stored.Json);
        Assert.Equal(Recorded, stored.Read());
    }

    [Fact]
    public void A_reference_is_stored_without_json_and_reads_only_once_its_grain_builds_the_event_again()
    {
        var raised = OutboxMessage.Referring(Recorded, Now, entry: 7);

        var stored = Serializer.Deserialize<OutboxMessage>(Serializer.SerializeToArray(raised))!;

        Assert.Same(Recorded, raised.Read());
        Assert.Equal((raised.MessageId, 7L, true), (stored.MessageId, stored.Entry, stored.IsReference));
        Assert.Null(stored.Json);
        Assert.Null(stored.Text);
        var unbuilt = Assert.Throws<InvalidOperationException>(() => stored.Read());
        Assert.Contains("timeline entry 7", unbuilt.Message, StringComparison.Ordinal);
        Assert.Same(Recorded, stored.WithEvent(Recorded).Read());
    }

    [Fact]
    public void A_reference_stored_whole_carries_the_json_a_message_raised_whole_does()
    {
        var whole = OutboxMessage.Referring(Recorded, Now, entry: 7).Whole();

        var stored = Serializer.Deserialize<OutboxMessage>(Serializer.SerializeToArray(whole))!;

        Assert.False(stored.IsReference);
        Assert.Equal(OutboxMessage.Create(Recorded, Now).Json, stored.Json);
        Assert.Equal(Recorded, stored.Read());
        Assert.Throws<InvalidOperationException>(() => Serializer.Deserialize<OutboxMessage>(
            Serializer.SerializeToArray(OutboxMessage.Referring(Recorded, Now, entry: 7)))!.Whole());
        Assert.Throws<ArgumentOutOfRangeException>(() => OutboxMessage.Referring(Recorded, Now, entry: 0));
    }

    [Fact]
    public void Json_that_is_not_the_named_event_cannot_be_read()
    {
        var broken = new OutboxMessage(Guid.NewGuid(), nameof(InteractionRecorded), null, Now, "[1, 2]"u8.ToArray());

        Assert.Throws<System.Text.Json.JsonException>(() => broken.Read());
    }
}
