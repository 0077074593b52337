using CsCheck;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Integration;

/// <summary>
/// Back-office messages straight onto the bus, past the inbound endpoint's checks: hostile customer ids, empty and
/// oversized text, unknown channels. Each is refused once (a validation error, never retried, never another kind of
/// failure), the customer they name keeps its timeline, and the consumers apply the next good message as before.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class Surviving_hostile_messages(MessagingClusterFixture fixture)
{
    private const int Messages = 300;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly Gen<string> HostileId = Gen.OneOf(
        Gen.Const(""), Gen.Const(" "), Gen.Const(new string('c', 5_000)), Gen.Const("../../etc/passwd"), Gen.Const("a/b"),
        Gen.Const("\u0000"), Gen.Const("\ud800"), Gen.Const("ada\u202e"), Gen.Const("'; DROP TABLE customers; --"));

    /// <summary>Text no timeline accepts: empty, blank or over the 8,000-character limit.</summary>
    private static readonly Gen<string> RefusedText = Gen.OneOf(Gen.Const(""), Gen.Const("   "), Gen.Const(new string('x', 70_000)),
        Gen.Char.Array[8_001, 9_000].Select(c => new string(c)));

    [Fact]
    public async Task Every_hostile_message_is_refused_once_and_changes_nothing()
    {
        var victim = Keys.Customer();
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(victim);
        await customer.RecordInteractionAsync(Requests.Interaction("before"));

        var forVictim = Gen.OneOf<object>(
            RefusedText.Select(t => (object)new SocialMentionReceived(victim, "mastodon", t, null, null, Now)),
            RefusedText.Select(t => (object)new ServiceCaseUpdated(victim, "case-1", t, "open", null, Now)),
            Gen.OneOf(Gen.Const("fax"), Gen.Const(""), Gen.Const("pigeon"), Gen.Const("EMAIL\u0000")).Select(c => (object)new MarketingTouchRecorded(victim, "spring", c, "Hello", "sent", Now)));
        var forNobody = Gen.OneOf<object>(
            HostileId.Select(id => (object)new SocialMentionReceived(id, "mastodon", "Hi", null, null, Now)),
            HostileId.Select(id => (object)new MarketingTouchRecorded(id, "spring", "email", "Hello", "sent", Now)),
            HostileId.Select(id => (object)new ServiceCaseUpdated(id, "case-1", "Broken", "open", null, Now)));
        var messages = Gen.OneOf(forVictim, forNobody).Array[Messages].Single();

        var ids = messages.Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(messages.Select((m, i) => fixture.Harness.Bus.Publish(m, MassTransit.Pipe.Execute<MassTransit.PublishContext>(c => c.MessageId = ids[i]))));
        await Poll.UntilAsync(() => Task.FromResult(ids.Count(id => fixture.Consumed.CountId(id) > 0)), n => n == Messages,
            TimeSpan.FromSeconds(60), $"all {Messages} hostile messages finished with");

        Assert.All(ids, id => Assert.Equal(1, fixture.Consumed.CountId(id)));
        var faults = ids.SelectMany(id => fixture.Consumed.FaultsOf(id)).ToList();
        Assert.Equal(Messages, faults.Count);
        Assert.All(faults, f => Assert.IsType<RelationshipValidationException>(f));

        var timeline = await customer.GetTimelineAsync(new TimelineQuery(After: 0));
        Assert.Equal(["before"], timeline.Entries.Select(e => e.EntryId));

        var good = new SocialMentionReceived(victim, "mastodon", "Still here", null, null, Now);
        await fixture.Harness.Bus.Publish(good);
        await fixture.Consumed.WaitForAsync<SocialMentionReceived>(m => m == good, 1);
        Assert.Equal(2, (await customer.GetTimelineAsync(new TimelineQuery(After: 0))).LatestSequence);
    }
}
