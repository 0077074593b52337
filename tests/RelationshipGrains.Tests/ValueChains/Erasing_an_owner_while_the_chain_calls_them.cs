using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.ValueChains;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Partners;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.ValueChains;

namespace RelationshipGrains.Tests.ValueChains;

/// <summary>
/// A customer's erasure asks each of their chains to forget them, inside the customer's turn, while a call to a chain may
/// be waiting inside the chain's turn: for the customer, or for a partner. Neither waits on the other: before, each
/// waited until Orleans' response timeout failed one of them (30 s).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Erasing_an_owner_while_the_chain_calls_them(ClusterFixture fixture)
{
    [Fact]
    public async Task A_step_the_chain_is_telling_its_owner_during_the_erasure_waits_on_neither_and_leaves_the_timeline_empty()
    {
        var customer = await new PartnerWorld(fixture.Grains).Customer();
        var owner = customer.GetPrimaryKeyString();
        var chain = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        var chainId = chain.GetPrimaryKeyString();
        await chain.CreateAsync(new CreateValueChain(owner, "A trailer for Emma's birthday", [new SlotDefinition("maker", "Oak, please")]));

        // The erasure holds the customer's turn; the chain's next step then waits for the customer inside the chain's
        // turn, where the erasure's call to the chain arrives.
        var erasureHeld = fixture.HeldCalls.HoldNext("EraseAsync", owner);
        var erasure = customer.Stewardship().EraseAsync();
        await erasureHeld.Reached;
        var slotHeld = fixture.HeldCalls.HoldNext("AddSlotAsync", chainId);
        var addSlot = chain.AddSlotAsync(owner, new SlotDefinition("painter", "Emma's favourite blue"));
        await slotHeld.Reached;
        slotHeld.Release();
        erasureHeld.Release();

        var receipt = await erasure;
        await addSlot;

        Assert.Equal([chainId], receipt.ValueChainsKept);
        var stored = fixture.Storage.Peek<ValueChainState>("value-chain", chain.GetGrainId())!;
        Assert.True(stored.OwnerErased);
        Assert.StartsWith("erased-", stored.OwnerCustomerId, StringComparison.Ordinal);
        Assert.Equal(ValueChainStatus.Cancelled, stored.Status);
        // The slot was added before the erasure reached the chain, and lost what the customer wrote with the rest.
        Assert.Equal(["maker", "painter"], stored.Slots.Select(s => s.Role));
        Assert.All(stored.Slots, s => Assert.Null(s.Requirements));
        Assert.Empty(stored.Untold);
        // The step reached the customer after the erasure, from a chain the erasure let go: it is not theirs.
        Assert.Empty(await customer.Stewardship().ExportTimelineAsync().ToListAsync());
        Assert.Empty(await customer.ListValueChainsAsync());
    }

    [Fact]
    public async Task An_invitation_waiting_for_its_partner_during_the_erasure_is_refused_after_it()
    {
        var world = new PartnerWorld(fixture.Grains);
        var customer = await world.Customer();
        var owner = customer.GetPrimaryKeyString();
        var maker = await world.Partner("maker");
        var chain = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        var chainId = chain.GetPrimaryKeyString();
        await chain.CreateAsync(new CreateValueChain(owner, "A swing for Emma", [new SlotDefinition("maker")]));

        // The invitation asks whether the partner exists, inside the chain's turn; the erasure reaches the chain then.
        var partnerHeld = fixture.HeldCalls.HoldNext("GetAsync", maker);
        var invite = chain.InviteAsync(owner, "maker", maker);
        await partnerHeld.Reached;
        var receipt = await customer.Stewardship().EraseAsync();
        partnerHeld.Release();

        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => invite);
        Assert.Equal([chainId], receipt.ValueChainsKept);
        var stored = fixture.Storage.Peek<ValueChainState>("value-chain", chain.GetGrainId())!;
        Assert.Equal(ValueChainStatus.Cancelled, stored.Status);
        Assert.Empty(stored.Slots.Single().Invited);
        Assert.Empty(stored.PartnersUntold);
        await Assert.ThrowsAsync<RelationshipNotFoundException>(() => chain.AsReference<IValueChainForPartnersGrain>().GetForPartnerAsync(maker));
        var cancelled = Assert.Single(await fixture.Events.WaitForAsync<ValueChainCancelled>(e => e.ValueChainId == chainId));
        Assert.Equal(Array.Empty<string>(), cancelled.PartnerIds);
    }

    [Fact]
    public async Task A_report_arriving_while_the_erasure_writes_the_chain_waits_for_that_write_and_is_kept_when_it_fails()
    {
        var (chain, owner, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains);
        var chainId = chain.GetPrimaryKeyString();
        var erasing = fixture.Storage.HoldNextWriteOf(chain.GetGrainId());
        var erasure = fixture.Grains.GetGrain<ICustomerGrain>(owner).Stewardship().EraseAsync();
        await erasing.Arrived.WaitAsync(TimeSpan.FromSeconds(10));

        // The partner's report starts while the erasure's write of the chain is in flight (the erasure's call to the
        // chain runs between its other calls), and goes as far as it may before that write fails.
        var reportHeld = fixture.HeldCalls.HoldNext("UpdateFulfilmentAsync", chainId);
        var report = chain.AsReference<IValueChainForPartnersGrain>().UpdateFulfilmentAsync(maker, "maker", FulfilmentStatus.InProduction, null);
        await reportHeld.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        reportHeld.Release();
        await Task.Delay(200);
        var refused = new int[1];
        using (fixture.Storage.FailWritesOf(id => id == chain.GetGrainId() && Interlocked.Exchange(ref refused[0], 1) == 0))
        {
            erasing.Release.SetResult();
            await report.WaitAsync(TimeSpan.FromSeconds(10));
        }

        // The erasure's own outcome is another test's: it fails here, and the customer finishes it later.
        _ = await Record.ExceptionAsync(() => erasure);

        // Before, the report changed the state the failed write then reloaded, wrote the reloaded one, and answered as done.
        var stored = fixture.Storage.Peek<ValueChainState>("value-chain", chain.GetGrainId())!;
        Assert.Equal(1, refused[0]);
        Assert.Equal(FulfilmentStatus.InProduction, stored.Slots.Single().Fulfilment);
    }
}
