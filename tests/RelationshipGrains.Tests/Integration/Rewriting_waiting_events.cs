using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Integration.Contracts;

namespace RelationshipGrains.Tests.Integration;

/// <summary>An erasure rewrites the events a grain still waits to publish, under their ids, property by property.</summary>
public sealed class Rewriting_waiting_events
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Each_change_touches_its_property_only_and_a_list_item_may_go()
    {
        var waiting = OutboxMessage.Create(new IdeaStatusChanged("ada", "ada", "Ada's swing", "ada", ["bea", "ada"], At), At);

        var rewritten = waiting.Replacing([EventChange.Exactly("askingCustomerIds", "ada", null), EventChange.Whatever("title", "[removed]")]);

        var read = (IdeaStatusChanged)rewritten.Read();
        Assert.Equal(waiting.MessageId, rewritten.MessageId);
        Assert.Equal(("ada", "ada", "[removed]", "ada"), (read.IdeaId, read.Community, read.Title, read.Status));
        Assert.Equal(["bea"], read.AskingCustomerIds);
        Assert.Null(rewritten.Event);
    }

    [Fact]
    public void A_message_nothing_applies_to_or_whose_json_cannot_be_read_stays_as_it_is()
    {
        var waiting = OutboxMessage.Create(new ValueChainOpened("vc", "erased-1", "[removed]", ["maker"], [], At), At);
        var unreadable = new OutboxMessage(Guid.NewGuid(), nameof(ValueChainOpened), "{not json", At);

        Assert.Same(waiting, waiting.Replacing([EventChange.Exactly("customerId", "ada", "erased-1"), EventChange.Whatever("title", "[removed]")]));
        Assert.Same(unreadable, unreadable.Replacing([EventChange.Whatever("title", "[removed]")]));
    }
}
