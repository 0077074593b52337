using MassTransit;
using Orleans.Journaling;
using RelationshipGrains.Customers;
using RelationshipGrains.Grains.Reporting;
using RelationshipGrains.ValueChains;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Reporting;
using RelationshipGrains.Tests.Infrastructure;

namespace RelationshipGrains.Tests.Integration;

/// <summary>With a cluster of its own: the read model counts everything, so other tests' events would blur the figures.</summary>
public sealed class Counting_for_bi(MessagingClusterFixture fixture) : IClassFixture<MessagingClusterFixture>
{
    private IRelationshipMetricsGrain Metrics => fixture.Grains.GetGrain<IRelationshipMetricsGrain>(0);

    private static long On(RelationshipMetrics metrics, string channel) =>
        metrics.InteractionsPerChannelPerDay.Where(c => c.Day == DateOnly.FromDateTime(DateTime.UtcNow) && c.Channel == channel).Sum(c => c.Count);

    [Fact]
    public async Task Interactions_intents_and_chains_are_counted_once_each_even_when_an_event_arrives_twice()
    {
        var before = await Metrics.GetAsync();
        var world = new PartnerWorld(fixture.Grains);
        var customer = await world.Customer();
        var id = customer.GetPrimaryKeyString();
        await customer.RecordInteractionAsync(Requests.Interaction("chat-1"));
        await customer.RecordInteractionAsync(Requests.Interaction("chat-2"));
        await customer.RecordInteractionAsync(new RecordInteraction("mail-1", Channel.Email, Direction.Outbound, Author.System, "Your order shipped"));
        await customer.ExpressIntentAsync(world.Intent("keep"));
        await customer.ExpressIntentAsync(world.Intent("drop"));
        await customer.WithdrawIntentAsync("drop");
        await ValueChainWorld.CommittedAsync(fixture.Grains);

        var after = await Poll.UntilAsync(Metrics.GetAsync, m => m.FactsApplied >= before.FactsApplied + 8, TimeSpan.FromSeconds(30),
            "The read model applying the eight facts (the chain's opening and its commit)");
        var original = fixture.Harness.Published.Select<InteractionRecorded>(m => m.Context.Message.CustomerId == id).First();
        // The read model can show a fact before its consumer has returned, and the webhook consumer runs apart from it.
        const int consumers = 2; // the webhook consumer and the BI batch consumer
        await fixture.Consumed.WaitForAsync<InteractionRecorded>(m => m.CustomerId == id && m.InteractionId == original.Context.Message.InteractionId, consumers);
        Assert.Equal(consumers, fixture.Consumed.CountId(original.Context.MessageId));
        await fixture.Harness.Bus.Publish(original.Context.Message, c => c.MessageId = original.Context.MessageId);
        await fixture.Consumed.WaitForAsync<InteractionRecorded>(m => m.CustomerId == id && m.InteractionId == original.Context.Message.InteractionId, consumers * 2);
        var again = await Metrics.GetAsync();

        Assert.Equal(2, On(after, "chat") - On(before, "chat"));
        Assert.Equal(1, On(after, "email") - On(before, "email"));
        Assert.Equal(1, after.OpenIntents - before.OpenIntents);
        Assert.Equal(before.ValueChainsByStatus.GetValueOrDefault("committed") + 1, after.ValueChainsByStatus["committed"]);
        Assert.Equal(On(after, "chat"), On(again, "chat"));

        // Intents are counted under a pseudonym: the read model keeps them for good, and erasure does not reach it.
        var stored = fixture.Journals.RawBytes(JournalId.FromGrainId(Metrics.GetGrainId()));
        Assert.NotEmpty(stored);
        Assert.Equal(-1, stored.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(id)));
    }

    [Fact]
    public void Intents_kept_under_their_ids_before_are_rekeyed_keeping_the_later_state()
    {
        var at = DateTimeOffset.UnixEpoch;
        var intents = new Dictionary<string, LatestValue>
        {
            ["ada/bike"] = new("open", at),
            ["ada/boat"] = new("withdrawn", at.AddMinutes(2)),
            ["intent-boat"] = new("open", at.AddMinutes(1)),
            ["intent-tent"] = new("open", at),
            ["ada/kite"] = new("open", at),
            ["intent-kite"] = new("withdrawn", at),
        };

        var rekeyed = LatestValues.PseudonymiseIntentKeys(intents, key => "intent-" + key.Split('/')[1]);

        Assert.Equal(3, rekeyed);
        Assert.Equal(["intent-bike", "intent-boat", "intent-kite", "intent-tent"], intents.Keys.Order(StringComparer.Ordinal));
        // The later state wins; at the same time, the one kept under the new key, which was written since.
        Assert.Equal(("withdrawn", "withdrawn"), (intents["intent-boat"].Value, intents["intent-kite"].Value));
        Assert.Equal(0, LatestValues.PseudonymiseIntentKeys(intents, key => throw new InvalidOperationException(key)));
    }

    [Fact]
    public async Task Proposed_ideas_and_open_chains_are_in_the_funnel_from_their_creation()
    {
        var before = await Metrics.GetAsync();
        var world = new CommunityWorld(fixture.Grains);
        await world.Create();
        await world.Propose(await world.Member(), Keys.Customer("idea"), "Rain-proof hammock");
        var owner = (await new PartnerWorld(fixture.Grains).Customer()).GetPrimaryKeyString();
        await fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc")).CreateAsync(new CreateValueChain(owner, "Garden office", [new SlotDefinition("builder")]));

        var after = await Poll.UntilAsync(Metrics.GetAsync, m => m.FactsApplied >= before.FactsApplied + 2, TimeSpan.FromSeconds(30),
            "The read model applying the idea's proposal and the chain's opening");

        Assert.Equal(before.FactsApplied + 2, after.FactsApplied);
        Assert.Equal(before.IdeaFunnel.GetValueOrDefault("proposed") + 1, after.IdeaFunnel["proposed"]);
        Assert.Equal(before.ValueChainsByStatus.GetValueOrDefault("open") + 1, after.ValueChainsByStatus["open"]);
    }

    [Fact]
    public async Task A_chain_completed_by_a_delivery_reported_with_an_earlier_time_counts_as_completed()
    {
        var (chain, _, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains);
        var chainId = chain.GetPrimaryKeyString();
        // The ERP adapter's own status for the order it placed ("accepted") first, or it would arrive after these.
        await fixture.Consumed.WaitForAsync<ErpOrderStatusChanged>(m => m.ValueChainId == chainId, 1);
        var before = await Metrics.GetAsync();
        var now = DateTimeOffset.UtcNow;

        // The ERP says the order is in production and shipped now, then that it was delivered a quarter of an hour ago
        // (its clock, or a report sent late): stamped with the ERP's time, the chain's completion was older than its last fact and ignored.
        foreach (var status in new[] { "in-production", "shipped" })
        {
            await fixture.Harness.Bus.Publish(new ErpOrderStatusChanged(chainId, "maker", maker, "erp-late", status, null, now));
            await fixture.Consumed.WaitForAsync<ErpOrderStatusChanged>(m => m.ValueChainId == chainId && m.Status == status, 1);
        }

        await fixture.Harness.Bus.Publish(new ErpOrderStatusChanged(chainId, "maker", maker, "erp-late", "delivered", null, now.AddMinutes(-15)));

        var after = await Poll.UntilAsync(Metrics.GetAsync,
            m => m.ValueChainsByStatus.GetValueOrDefault("completed") > before.ValueChainsByStatus.GetValueOrDefault("completed"),
            TimeSpan.FromSeconds(30), "The read model counting the chain completed");

        Assert.Equal(before.ValueChainsByStatus.GetValueOrDefault("completed") + 1, after.ValueChainsByStatus["completed"]);
        Assert.Empty(fixture.Consumed.Faults<ErpOrderStatusChanged>(m => m.ValueChainId == chainId && m.ErpOrderId == "erp-late"));
    }
}
