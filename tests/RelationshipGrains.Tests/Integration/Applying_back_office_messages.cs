using MassTransit;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Integration.Consumers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Tests.Integration;

[Collection(MessagingCollection.Name)]
public sealed class Applying_back_office_messages(MessagingClusterFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Delivers a message twice under one id and waits until both deliveries are consumed. Deliveries of one message
    /// run in parallel; different messages go one after the other, as a source's updates to one case would.
    /// </summary>
    private async Task DeliverTwice<T>(T message, Func<T, bool> same) where T : class
    {
        var messageId = Guid.NewGuid();
        var before = fixture.Consumed.Count(same);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => fixture.Harness.Bus.Publish(message, c => c.MessageId = messageId)));
        await fixture.Consumed.WaitForAsync(same, before + 2);
    }

    /// <summary>Messages about one ERP order of one chain.</summary>
    private static Func<ErpOrderStatusChanged, bool> ErpOrder(string chainId, string orderId) =>
        m => m.ValueChainId == chainId && m.ErpOrderId == orderId;

    /// <summary>The ERP reports the status of the maker's order, delivered twice.</summary>
    private Task DeliverErpAsync(string chainId, string maker, string orderId, string status, DateTimeOffset? at = null) =>
        DeliverTwice(new ErpOrderStatusChanged(chainId, "maker", maker, orderId, status, null, at ?? Now), ErpOrder(chainId, orderId));

    private async Task<IReadOnlyList<TimelineEntry>> Timeline(string customerId) =>
        (await fixture.Grains.GetGrain<ICustomerGrain>(customerId).GetTimelineAsync(new TimelineQuery(After: 0))).Entries;

    [Fact]
    public async Task A_service_case_delivered_twice_opens_once_and_moves_once()
    {
        var id = Keys.Customer();
        await DeliverTwice(new ServiceCaseUpdated(id, "case-7", "Broken chain", "open", null, Now), m => m.CustomerId == id);
        await DeliverTwice(new ServiceCaseUpdated(id, "case-7", "Broken chain", "resolved", "Replaced under warranty", Now), m => m.CustomerId == id);

        var timeline = await Timeline(id);
        Assert.Equal([TimelineEntryKind.ServiceCase, TimelineEntryKind.StatusChanged], timeline.Select(e => e.Kind));
        Assert.Equal("resolved", timeline[0].Status);
        Assert.Equal("Replaced under warranty", timeline[1].Text);
        Assert.Equal(AuthorKind.System, timeline[0].Author.Kind);
    }

    [Fact]
    public async Task An_update_to_a_case_that_states_no_status_is_kept_as_a_note_under_the_cases_status()
    {
        var id = Keys.Customer();
        await DeliverTwice(new ServiceCaseUpdated(id, "case-8", "Flat tyre", "pending", null, Now), m => m.CustomerId == id);
        await DeliverTwice(new ServiceCaseUpdated(id, "case-8", "Flat tyre", null!, "Parts ordered", Now), m => m.CustomerId == id);

        // It was refused as "status is required" after the inbound endpoint had acknowledged it, and lost.
        var timeline = await Timeline(id);
        Assert.Equal([TimelineEntryKind.ServiceCase, TimelineEntryKind.StatusChanged], timeline.Select(e => e.Kind));
        Assert.Equal(("pending", "Parts ordered"), (timeline[1].Status, timeline[1].Text));
        Assert.Equal("pending", timeline[0].Status);
    }

    [Fact]
    public async Task Marketing_touches_and_social_mentions_delivered_twice_appear_once()
    {
        var id = Keys.Customer();
        await DeliverTwice(new MarketingTouchRecorded(id, "spring-sale", "email", "Spring sale: 20% off cargo bikes", "sent", Now), m => m.CustomerId == id);
        await DeliverTwice(new MarketingTouchRecorded(id, "spring-sale", "email", "Spring sale: 20% off cargo bikes", "opened", Now), m => m.CustomerId == id);
        await DeliverTwice(new SocialMentionReceived(id, "mastodon", "Loving my new cargo bike!", "https://social.example/@ada/1", null, Now), m => m.CustomerId == id);

        var timeline = await Timeline(id);
        Assert.Equal([TimelineEntryKind.MarketingTouch, TimelineEntryKind.StatusChanged, TimelineEntryKind.Interaction], timeline.Select(e => e.Kind));
        Assert.Equal("opened", timeline[0].Status);
        Assert.Equal(Channel.Email, timeline[0].Channel);
        Assert.Equal(Channel.Social, timeline[2].Channel);
        Assert.Contains("https://social.example/@ada/1", timeline[2].Text);
    }

    [Fact]
    public async Task An_erp_status_delivered_twice_moves_the_slot_once()
    {
        var (chain, owner, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains);

        await DeliverErpAsync(chain.GetPrimaryKeyString(), maker, "erp-9", "in-production");

        var view = await chain.GetForOwnerAsync(owner);
        Assert.Equal(FulfilmentStatus.InProduction, view.Slots.Single().Fulfilment);
        var steps = (await Timeline(owner)).Where(e => e.Kind == TimelineEntryKind.ValueChainStep && e.Text!.Contains("in production", StringComparison.Ordinal));
        Assert.Single(steps);
    }

    [Fact]
    public async Task An_erp_status_may_skip_a_step_and_one_the_slot_has_passed_changes_nothing()
    {
        var (chain, owner, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains);
        var chainId = chain.GetPrimaryKeyString();
        Func<ErpOrderStatusChanged, bool> Ours(string orderId) => ErpOrder(chainId, orderId);
        Task Deliver(string orderId, string status) => DeliverErpAsync(chainId, maker, orderId, status);

        // Shipped from stock: never in production. The ERP's older news then arrives late, and changes nothing.
        await Deliver("erp-s1", "shipped");
        await Deliver("erp-s2", "in-production");
        await Deliver("erp-s3", "accepted");
        Assert.Equal(FulfilmentStatus.Shipped, (await chain.GetForOwnerAsync(owner)).Slots.Single().Fulfilment);
        await Deliver("erp-s4", "delivered");
        await Deliver("erp-s5", "failed");

        var view = await chain.GetForOwnerAsync(owner);
        Assert.Equal((ValueChainStatus.Completed, FulfilmentStatus.Delivered), (view.Status, view.Slots.Single().Fulfilment));
        foreach (var id in new[] { "erp-s1", "erp-s2", "erp-s3", "erp-s4" })
        {
            Assert.Empty(fixture.Consumed.Faults(Ours(id)));
        }

        var refused = fixture.Consumed.Faults(Ours("erp-s5"));
        Assert.Equal(2, refused.Count);
        Assert.All(refused, e => Assert.Equal("Slot 'maker' is delivered; it cannot move to failed.", e.Message));
        var steps = (await Timeline(owner)).Where(e => e.Kind == TimelineEntryKind.ValueChainStep && e.Text!.Contains(" reports 'maker' ", StringComparison.Ordinal));
        Assert.Equal([$"{maker} reports 'maker' shipped. (from the ERP)", $"{maker} reports 'maker' delivered. (from the ERP)"],
            steps.Select(e => e.Text));
    }

    [Fact]
    public async Task Erp_news_older_than_the_slots_changes_nothing_and_newer_news_after_a_failure_is_refused()
    {
        var (chain, owner, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains);
        var chainId = chain.GetPrimaryKeyString();
        Func<ErpOrderStatusChanged, bool> Ours(string orderId) => ErpOrder(chainId, orderId);
        Task Deliver(string orderId, string status, DateTimeOffset at) => DeliverErpAsync(chainId, maker, orderId, status, at);

        // Shipped at 10:05; a failure the ERP reported at 10:01 arrives after it, and is old news.
        await Deliver("erp-f1", "shipped", Now.AddMinutes(5));
        await Deliver("erp-f2", "failed", Now.AddMinutes(1));
        Assert.Equal(FulfilmentStatus.Shipped, (await chain.GetForOwnerAsync(owner)).Slots.Single().Fulfilment);
        // Failed at 10:06, then "delivered" at 10:07: it contradicts the failure, so it shows among the faults.
        await Deliver("erp-f3", "failed", Now.AddMinutes(6));
        await Deliver("erp-f4", "delivered", Now.AddMinutes(7));

        Assert.Equal(FulfilmentStatus.Failed, (await chain.GetForOwnerAsync(owner)).Slots.Single().Fulfilment);
        Assert.Empty(fixture.Consumed.Faults(Ours("erp-f1")).Concat(fixture.Consumed.Faults(Ours("erp-f2"))).Concat(fixture.Consumed.Faults(Ours("erp-f3"))));
        Assert.All(fixture.Consumed.Faults(Ours("erp-f4")), e => Assert.Equal("Slot 'maker' is failed; it cannot move to delivered.", e.Message));
        Assert.Equal(2, fixture.Consumed.Faults(Ours("erp-f4")).Count);
        var pending = await Assert.ThrowsAsync<RelationshipValidationException>(() => chain.AsReference<IValueChainForPartnersGrain>()
            .ApplyErpStatusAsync(Guid.NewGuid(), "maker", maker, FulfilmentStatus.Pending, null));
        Assert.Equal("status", pending.Field);
    }

    [Fact]
    public async Task An_erp_that_confirms_a_cancellation_is_heard_once_the_chain_is_cancelled_and_refused_while_it_goes_on()
    {
        var (cancelled, owner, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains);
        var (goingOn, otherOwner, otherMaker) = await ValueChainWorld.CommittedAsync(fixture.Grains);
        await cancelled.CancelAsync(owner, "Plans changed");
        var cancelledId = cancelled.GetPrimaryKeyString();
        var goingOnId = goingOn.GetPrimaryKeyString();

        // Matched by the order id too: the ERP adapter's own status message for each chain's order (the ERP's answer
        // to placing it) comes in while these are delivered, and counted, it ended the wait before both were consumed.
        await DeliverErpAsync(cancelledId, maker, "erp-c1", "Cancelled");
        await DeliverErpAsync(goingOnId, otherMaker, "erp-c2", "cancelled");

        Assert.Empty(fixture.Consumed.Faults(ErpOrder(cancelledId, "erp-c1")));
        Assert.Equal(ValueChainStatus.Cancelled, (await cancelled.GetForOwnerAsync(owner)).Status);
        var refused = fixture.Consumed.Faults(ErpOrder(goingOnId, "erp-c2"));
        Assert.Equal(2, refused.Count);
        Assert.All(refused, e => Assert.Contains($"value chain '{goingOnId}' is committed: report the order failed instead", e.Message, StringComparison.Ordinal));
        Assert.Equal(FulfilmentStatus.Accepted, (await goingOn.GetForOwnerAsync(otherOwner)).Slots.Single().Fulfilment);
        // Over HTTP as on the bus: the status is accepted when it arrives; an unknown one is refused there and then.
        Assert.Null(Record.Exception(() => InboundMessages.Validate(new ErpOrderStatusChanged(cancelledId, "maker", maker, "erp-c1", "canceled", null, Now), Now)));
        var unknown = Assert.Throws<RelationshipValidationException>(() =>
            InboundMessages.Validate(new ErpOrderStatusChanged(cancelledId, "maker", maker, "erp-c1", "paused", null, Now), Now));
        Assert.Equal(("status", "'paused' is not an ERP order status we know: accepted, in-production, shipped, delivered, failed or cancelled."),
            (unknown.Field, unknown.Message));
    }
}
