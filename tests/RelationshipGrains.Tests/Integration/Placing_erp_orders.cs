using System.Text.Json;
using MassTransit;
using RelationshipGrains.Customers;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Tests.Integration;

[Collection(MessagingCollection.Name)]
public sealed class Placing_erp_orders(MessagingClusterFixture fixture)
{
    [Fact]
    public async Task A_committed_chain_places_one_erp_order_per_slot_and_the_erp_status_comes_back_to_the_slot()
    {
        var (chain, owner, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains, role: "frame-maker");
        var chainId = chain.GetPrimaryKeyString();

        var order = Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == "/erp/orders" && r.Body.Contains(chainId, StringComparison.Ordinal)));
        await fixture.Consumed.WaitForAsync<ErpOrderStatusChanged>(m => m.ValueChainId == chainId, 1);

        using var body = JsonDocument.Parse(order.Body);
        Assert.Equal($"order/{chainId}/frame-maker", order.Headers["Idempotency-Key"]);
        Assert.Equal(maker, body.RootElement.GetProperty("partnerId").GetString());
        Assert.Equal(1_200m, body.RootElement.GetProperty("price").GetDecimal());
        Assert.Equal("EUR", body.RootElement.GetProperty("currency").GetString());
        Assert.Equal(FulfilmentStatus.Accepted, (await chain.GetForOwnerAsync(owner)).Slots.Single().Fulfilment);
        Assert.Empty(fixture.Consumed.Faults<ErpOrderStatusChanged>(m => m.ValueChainId == chainId));
    }

    [Fact]
    public async Task An_erp_that_answers_in_production_moves_the_slot_on()
    {
        var previous = fixture.Receiver.Answer;
        fixture.Receiver.Answer = r => r.Path == "/erp/orders" ? (201, """{"id":"erp-77","status":"in-production"}""") : previous(r);
        try
        {
            var (chain, owner, _) = await ValueChainWorld.CommittedAsync(fixture.Grains);
            await fixture.Consumed.WaitForAsync<ErpOrderStatusChanged>(m => m.ValueChainId == chain.GetPrimaryKeyString(), 1);

            Assert.Equal(FulfilmentStatus.InProduction, (await chain.GetForOwnerAsync(owner)).Slots.Single().Fulfilment);
        }
        finally
        {
            fixture.Receiver.Answer = previous;
        }
    }

    [Fact]
    public async Task A_committed_chain_that_is_cancelled_cancels_each_erp_order_and_one_never_committed_tells_the_erp_nothing()
    {
        var (chain, owner, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains, role: "frame-maker");
        var chainId = chain.GetPrimaryKeyString();
        await fixture.Consumed.WaitForAsync<ErpOrderStatusChanged>(m => m.ValueChainId == chainId, 1);
        var world = new PartnerWorld(fixture.Grains);
        var openOwner = (await world.Customer()).GetPrimaryKeyString();
        var open = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        await open.CreateAsync(new CreateValueChain(openOwner, "Garden office", [new SlotDefinition("builder")]));
        var openId = open.GetPrimaryKeyString();

        await open.CancelAsync(openOwner, "Not now");
        await chain.CancelAsync(owner, "Found one nearer");

        var cancellation = Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == "/erp/order-cancellations" && r.Body.Contains(chainId, StringComparison.Ordinal)));
        using var body = JsonDocument.Parse(cancellation.Body);
        Assert.Equal($"cancel/{chainId}/frame-maker", cancellation.Headers["Idempotency-Key"]);
        Assert.Equal($"{chainId}/frame-maker", body.RootElement.GetProperty("orderReference").GetString());
        Assert.Equal(maker, body.RootElement.GetProperty("partnerId").GetString());
        Assert.Equal(chainId, body.RootElement.GetProperty("valueChainId").GetString());
        // What the owner wrote stays with us: the order's side, which may send the same cancellation, does not know it.
        Assert.False(body.RootElement.TryGetProperty("reason", out _));
        // Every consumer of the other chain's cancellation (webhooks, BI, ERP) has finished with it.
        await fixture.Consumed.WaitForAsync<ValueChainCancelled>(m => m.ValueChainId == openId, 3);
        Assert.DoesNotContain(fixture.Receiver.Requests, r => r.Path.StartsWith("/erp/", StringComparison.Ordinal) && r.Body.Contains(openId, StringComparison.Ordinal));
        Assert.Empty(fixture.Consumed.Faults<ValueChainCancelled>(m => m.ValueChainId == chainId || m.ValueChainId == openId));
    }

    [Fact]
    public async Task A_cancellation_written_before_events_named_their_orders_cancels_the_orders_the_chain_holds()
    {
        var (chain, owner, _) = await ValueChainWorld.CommittedAsync(fixture.Grains, role: "wheel-maker");
        var chainId = chain.GetPrimaryKeyString();
        await fixture.Consumed.WaitForAsync<ErpOrderStatusChanged>(m => m.ValueChainId == chainId, 1);
        await chain.CancelAsync(owner, "Plans changed");
        await fixture.Receiver.WaitForAsync(r => r.Path == "/erp/order-cancellations" && r.Body.Contains(chainId, StringComparison.Ordinal));

        // As an older silo wrote it: no OrderedSlots.
        await fixture.Harness.Bus.Publish(new ValueChainCancelled(chainId, owner, "Plans changed", WasCommitted: true, DateTimeOffset.UtcNow));

        var both = await fixture.Receiver.WaitForAsync(r => r.Path == "/erp/order-cancellations" && r.Body.Contains(chainId, StringComparison.Ordinal), 2);
        Assert.All(both, r => Assert.Equal($"cancel/{chainId}/wheel-maker", r.Headers["Idempotency-Key"]));
        await fixture.Consumed.WaitForAsync<ValueChainCancelled>(m => m.ValueChainId == chainId && m.OrderedSlots is null, 3);
        Assert.Empty(fixture.Consumed.Faults<ValueChainCancelled>(m => m.ValueChainId == chainId));
    }

    [Fact]
    public async Task A_commit_delivered_again_after_its_chain_was_cancelled_and_its_owner_erased_places_no_order()
    {
        var (chain, owner, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains, role: "saddle-maker");
        var chainId = chain.GetPrimaryKeyString();
        await fixture.Consumed.WaitForAsync<ErpOrderStatusChanged>(m => m.ValueChainId == chainId, 1);
        await chain.CancelAsync(owner, "Plans changed");
        await fixture.Receiver.WaitForAsync(r => r.Path == "/erp/order-cancellations" && r.Body.Contains(chainId, StringComparison.Ordinal));
        await fixture.Grains.GetGrain<ICustomerGrain>(owner).Stewardship().EraseAsync();

        // As a broker's error queue replayed later would deliver it: the owner's view of the chain is gone by then.
        await fixture.Harness.Bus.Publish(new ValueChainCommitted(chainId, owner, "Cargo bike",
            [new CommittedSlot("saddle-maker", maker, 100m, "EUR", 5)], DateTimeOffset.UtcNow));
        await fixture.Consumed.WaitForAsync<ValueChainCommitted>(m => m.ValueChainId == chainId, 6);

        Assert.Single(fixture.Receiver.Requests, r => r.Path == "/erp/orders" && r.Body.Contains(chainId, StringComparison.Ordinal));
        Assert.Empty(fixture.Consumed.Faults<ValueChainCommitted>(m => m.ValueChainId == chainId));
    }

    [Fact]
    public async Task A_cancellation_that_overtakes_its_order_is_followed_by_one_from_whoever_placed_the_order()
    {
        // The ERP holds the order until the cancellation has come, and knows no order to cancel before it answered.
        var orderArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var orderAnswered = false;
        var chainId = Keys.Customer("vc");
        List<int> cancellations = [];
        var previous = fixture.Receiver.Answer;
        fixture.Receiver.Answer = r =>
        {
            if (!r.Body.Contains(chainId, StringComparison.Ordinal))
            {
                return previous(r);
            }

            if (r.Path == "/erp/orders")
            {
                orderArrived.TrySetResult();
                release.Wait(TimeSpan.FromSeconds(20));
                Volatile.Write(ref orderAnswered, true);
                return previous(r);
            }

            var status = r.Path == "/erp/order-cancellations" && !Volatile.Read(ref orderAnswered) ? 404 : 201;
            lock (cancellations)
            {
                cancellations.Add(status);
            }

            return status == 404 ? (404, "{}") : previous(r);
        };
        try
        {
            var (chain, owner, _) = await ValueChainWorld.CommittedAsync(fixture.Grains, chainId: chainId);
            await orderArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

            await chain.CancelAsync(owner, "Changed my mind");
            await fixture.Receiver.WaitForAsync(r => r.Path == "/erp/order-cancellations" && r.Body.Contains(chainId, StringComparison.Ordinal));
            release.Set();
            var sent = await fixture.Receiver.WaitForAsync(r => r.Path == "/erp/order-cancellations" && r.Body.Contains(chainId, StringComparison.Ordinal), 2);
            // Every consumer (webhooks, BI, ERP) has finished with the commit: no status went back to the cancelled chain.
            await fixture.Consumed.WaitForAsync<ValueChainCommitted>(m => m.ValueChainId == chainId, 3);

            lock (cancellations)
            {
                Assert.Equal([404, 201], cancellations);
            }

            // Both senders send the same cancellation under the same key.
            Assert.Equal((sent[0].Headers["Idempotency-Key"], sent[0].Body), (sent[1].Headers["Idempotency-Key"], sent[1].Body));
            Assert.Equal(0, fixture.Consumed.Count<ErpOrderStatusChanged>(m => m.ValueChainId == chainId));
            Assert.Empty(fixture.Consumed.Faults<ValueChainCommitted>(m => m.ValueChainId == chainId));
            Assert.Empty(fixture.Consumed.Faults<ValueChainCancelled>(m => m.ValueChainId == chainId));
        }
        finally
        {
            release.Set();
            fixture.Receiver.Answer = previous;
        }
    }

    [Fact]
    public async Task A_selected_idea_becomes_a_design_request()
    {
        var ideaId = Keys.Customer("idea");
        await fixture.Harness.Bus.Publish(new IdeaSelected(ideaId, "riders", "Rain cover for cargo bikes", "Clips on without tools", "ada",
            new Dictionary<string, double> { ["cost"] = 40 }, 0.82, 3, DateTimeOffset.UtcNow,
            new Dictionary<string, IReadOnlyList<string>> { ["materials"] = ["nylon", "steel"] }));

        var request = Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == "/erp/design-requests" && r.Body.Contains(ideaId, StringComparison.Ordinal)));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal($"design/{ideaId}", request.Headers["Idempotency-Key"]);
        Assert.Equal("Rain cover for cargo bikes", body.RootElement.GetProperty("title").GetString());
        Assert.Equal(40, body.RootElement.GetProperty("numericAttributes").GetProperty("cost").GetDouble());
        Assert.Equal(["nylon", "steel"], body.RootElement.GetProperty("textAttributes").GetProperty("materials").EnumerateArray().Select(m => m.GetString()));
    }
}
