using System.Text.Json;
using MassTransit.Serialization;
using RelationshipGrains.Communities;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Ideas;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Reporting;
using RelationshipGrains.Testing;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.ValueChains;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Tests.Naming;

/// <summary>
/// Enum values reach callers as strings on many surfaces besides the typed HTTP bodies: events on the bus and in
/// webhooks, the BI report's keys, timeline statuses written by grains, and error messages. Each must use the one
/// spelling requests use.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class Spelling_on_every_surface(MessagingClusterFixture fixture)
{
    [Fact]
    public async Task Events_webhooks_timelines_reports_and_errors_spell_every_value_as_requests_do()
    {
        var hook = Keys.Customer("spell");
        await fixture.Grains.GetGrain<IWebhookRegistryGrain>(0).SubscribeAsync(new SubscribeWebhook(hook,
            $"{fixture.Receiver.BaseUrl}/hooks/{hook}", [.. IntegrationEvents.Outbound.Select(t => t.Name)]));
        var partners = new PartnerWorld(fixture.Grains);
        var customer = await partners.Customer();
        var customerId = customer.GetPrimaryKeyString();

        var channels = Enum.GetValues<Channel>();
        for (var i = 0; i < channels.Length; i++)
        {
            await customer.RecordInteractionAsync(new RecordInteraction($"on-{i}", channels[i], i % 2 == 0 ? Direction.Inbound : Direction.Outbound,
                Author.Customer, "Hello"));
        }

        await customer.RecordInteractionAsync(new RecordInteraction("case", Channel.Phone, Direction.Inbound, Author.Customer, "Broken chain",
            TimelineEntryKind.ServiceCase));
        await customer.GrantConsentAsync(new GrantConsent(await partners.Partner("reader"), Enum.GetValues<ConsentScope>()));
        var (chain, owner, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains);
        await chain.AsReference<IValueChainForPartnersGrain>().UpdateFulfilmentAsync(maker, "maker", FulfilmentStatus.InProduction, null);
        var (ideaId, errors) = await CullAnIdeaRefusingTwoMovesFirst();

        var webhooks = await fixture.Receiver.WaitForAsync(r => r.Path == $"/hooks/{hook}"
            && (r.Body.Contains(customerId, StringComparison.Ordinal) || r.Body.Contains(owner, StringComparison.Ordinal) || r.Body.Contains(ideaId, StringComparison.Ordinal)),
            // Interactions, the case, the consent; the chain opened, committed and in production; the idea proposed and culled.
            channels.Length + 1 + 1 + 3 + 2);
        await fixture.Consumed.WaitForAsync<InteractionRecorded>(m => m.CustomerId == customerId, channels.Length + 1);
        await fixture.Consumed.WaitForAsync<ValueChainSlotStatusChanged>(m => m.CustomerId == owner, 1);
        var bus = fixture.Consumed.Messages<InteractionRecorded>(m => m.CustomerId == customerId).Cast<object>()
            .Concat(fixture.Consumed.Messages<ValueChainSlotStatusChanged>(m => m.CustomerId == owner))
            .Concat(fixture.Consumed.Messages<ConsentChanged>(m => m.CustomerId == customerId))
            .Select(m => JsonSerializer.Serialize(m, m.GetType(), SystemTextJsonMessageSerializer.Options)).ToList();
        var timelines = new[] { customerId, owner }.Select(async id => JsonSerializer.Serialize(
            await fixture.Grains.GetGrain<ICustomerGrain>(id).GetTimelineAsync(new TimelineQuery(After: 0)), EnumNames.Api));
        // The BI read model counts from the bus after the grains answered: wait until it has seen this test's store visit.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var metrics = await Poll.UntilAsync(fixture.Grains.GetGrain<IRelationshipMetricsGrain>(0).GetAsync,
            m => m.InteractionsPerChannelPerDay.Any(c => c.Channel == "store" && c.Day == today) && m.ValueChainsByStatus.ContainsKey("committed"),
            TimeSpan.FromSeconds(30), "the BI report counting this test's interactions");
        var report = JsonSerializer.Serialize(metrics, EnumNames.Api);

        var surfaces = new Dictionary<string, string>
        {
            ["webhooks"] = $"[{string.Join(",", webhooks.Select(w => w.Body))}]",
            ["bus"] = $"[{string.Join(",", bus)}]",
            ["timelines"] = $"[{string.Join(",", await Task.WhenAll(timelines))}]",
            ["report"] = report,
            ["errors"] = JsonSerializer.Serialize(errors),
        };
        foreach (var (surface, json) in surfaces)
        {
            Assert.True(EnumNames.CSharpNamesIn(json) is [], $"{surface} carries C# names: {string.Join(", ", EnumNames.CSharpNamesIn(json))}");
        }

        string[] expected = ["web", "social", "store", "inbound", "outbound", "service-case", "interaction", "profile", "conversation", "intents",
            "in-production", "committed", "proposed", "culled"];
        Assert.Empty(expected.Except(EnumNames.Strings(surfaces["webhooks"])));
        Assert.Empty(new[] { "store", "service-case", "inbound", "in-production" }.Except(EnumNames.Strings(surfaces["bus"])));
        Assert.Empty(new[] { "store", "service-case", "consent-granted", "value-chain-step", "committed" }.Except(EnumNames.Strings(surfaces["timelines"])));
        Assert.Contains("store", EnumNames.Strings(surfaces["report"]));
        Assert.Contains("committed", EnumNames.Strings(surfaces["report"]));
        Assert.Equal("An idea that is proposed cannot become in-design.", errors[0]);
        Assert.EndsWith(" (member) may not move an idea to culled.", errors[1]);
    }

    /// <summary>An idea culled by a moderator after staff tried to skip it ahead and a member tried to cull it.</summary>
    private async Task<(string IdeaId, IReadOnlyList<string> Errors)> CullAnIdeaRefusingTwoMovesFirst()
    {
        var world = new CommunityWorld(fixture.Grains);
        var community = await world.Create();
        var member = await world.Member();
        var moderator = await world.Member(CommunityRole.Moderator);
        var ideaId = Keys.Customer("idea");
        await world.Propose(member, ideaId, "Folding workbench");
        var skipping = await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            community.DecideIdeaAsync(world.Staff, ideaId, IdeaStatus.InDesign, "Straight to design"));
        var byMember = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            community.DecideIdeaAsync(member, ideaId, IdeaStatus.Culled, "Mine is better"));
        await community.DecideIdeaAsync(moderator, ideaId, IdeaStatus.Culled, "Off topic");
        return (ideaId, [skipping.Message, byMember.Message]);
    }
}
