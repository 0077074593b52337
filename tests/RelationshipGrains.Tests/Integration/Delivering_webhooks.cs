using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Integration;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Grains.Webhooks;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Integration.Webhooks;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.ValueChains;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Tests.Integration;

[Collection(MessagingCollection.Name)]
public sealed class Delivering_webhooks(MessagingClusterFixture fixture)
{
    private IWebhookRegistryGrain Registry => fixture.Grains.GetGrain<IWebhookRegistryGrain>(0);

    private IWebhookDeadLettersGrain DeadLetters => fixture.Grains.GetGrain<IWebhookDeadLettersGrain>(0);

    private async Task<(string Path, string Secret)> Subscribe(string eventType, string? partnerId = null)
    {
        var id = Keys.Customer("hook");
        var issued = await Registry.SubscribeAsync(new SubscribeWebhook(id, $"{fixture.Receiver.BaseUrl}/hooks/{id}", [eventType], partnerId));
        return ($"/hooks/{id}", issued.Secret);
    }

    [Fact]
    public async Task A_subscriber_receives_each_event_signed_with_its_secret()
    {
        var (path, secret) = await Subscribe("InteractionRecorded");
        var customerId = Keys.Customer();

        await fixture.Grains.GetGrain<ICustomerGrain>(customerId).RecordInteractionAsync(Requests.Interaction("signed"));

        var delivery = Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == path));
        using var body = JsonDocument.Parse(delivery.Body);
        Assert.True(WebhookSignature.Verify(secret, delivery.Headers[WebhookSignature.TimestampHeader], delivery.Body,
            delivery.Headers[WebhookSignature.SignatureHeader], DateTimeOffset.UtcNow));
        Assert.False(WebhookSignature.Verify("another-secret", delivery.Headers[WebhookSignature.TimestampHeader], delivery.Body,
            delivery.Headers[WebhookSignature.SignatureHeader], DateTimeOffset.UtcNow));
        Assert.Equal("InteractionRecorded", delivery.Headers[WebhookSignature.EventHeader]);
        Assert.Equal(body.RootElement.GetProperty("id").GetGuid().ToString(), delivery.Headers[WebhookSignature.DeliveryHeader]);
        Assert.Equal(customerId, body.RootElement.GetProperty("data").GetProperty("customerId").GetString());
        Assert.Equal("signed", body.RootElement.GetProperty("data").GetProperty("interactionId").GetString());
    }

    [Fact]
    public async Task A_new_subscription_receives_an_event_recorded_right_after_it_was_created()
    {
        // The first subscription proves the dispatcher has just read who wants the event type.
        var (earlier, _) = await Subscribe("InteractionRecorded");
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(Keys.Customer());
        await customer.RecordInteractionAsync(Requests.Interaction("before"));
        await fixture.Receiver.WaitForAsync(r => r.Path == earlier && r.Body.Contains("\"before\"", StringComparison.Ordinal));

        var (path, _) = await Subscribe("InteractionRecorded");
        await customer.RecordInteractionAsync(Requests.Interaction("right-after"));

        var delivery = Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == path));
        using var body = JsonDocument.Parse(delivery.Body);
        Assert.Equal("right-after", body.RootElement.GetProperty("data").GetProperty("interactionId").GetString());
    }

    [Fact]
    public async Task An_event_published_again_after_a_restart_reaches_only_subscriptions_older_than_the_event()
    {
        var (earlier, _) = await Subscribe("InteractionRecorded");
        var raisedBetween = DateTimeOffset.UtcNow;
        var (later, _) = await Subscribe("InteractionRecorded");
        var publisher = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IIntegrationEventPublisher>();
        var customerId = Keys.Customer();

        // What a grain's outbox publishes once more after a restart: the event under its first id and time.
        var before = OutboxMessage.Create(Recorded(customerId, "raised-before", raisedBetween), raisedBetween);
        await publisher.PublishAsync(before, CancellationToken.None);
        // Consumed by the webhook consumer (its deliveries made) and the BI batch consumer.
        await fixture.Consumed.WaitForAsync<InteractionRecorded>(m => m.CustomerId == customerId && m.InteractionId == "raised-before", 2);
        await publisher.PublishAsync(OutboxMessage.Create(Recorded(customerId, "raised-after", DateTimeOffset.UtcNow), DateTimeOffset.UtcNow), CancellationToken.None);

        // The first was delivered before the second went out: the earlier subscription got both, the later one only the second.
        Assert.Contains(fixture.Receiver.Requests, r => r.Path == earlier && r.Body.Contains("\"raised-before\"", StringComparison.Ordinal));
        await fixture.Receiver.WaitForAsync(r => r.Path == earlier && r.Body.Contains("\"raised-after\"", StringComparison.Ordinal));
        var delivery = Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == later));
        Assert.Contains("\"raised-after\"", delivery.Body, StringComparison.Ordinal);

        static InteractionRecorded Recorded(string customerId, string interactionId, DateTimeOffset at) =>
            new(customerId, 1, interactionId, "interaction", "chat", "inbound", null, null, at, at);
    }

    [Fact]
    public async Task A_silo_reads_who_wants_an_event_type_once_per_lease_and_a_change_answers_after_the_lease()
    {
        var lease = new WebhookOptions().TargetCacheLease;
        var clock = new FakeTimeProvider();
        var cache = new WebhookTargetCache(fixture.Grains, Options.Create(new WebhookOptions()), clock);
        var eventType = "IdeaStatusChanged";
        var before = await cache.GetAsync(eventType);
        for (var i = 0; i < 5; i++)
        {
            Assert.Same(before, await cache.GetAsync(eventType));
        }

        Assert.Equal(1, cache.Reads);

        var started = Stopwatch.GetTimestamp();
        var (path, _) = await Subscribe(eventType);
        var waited = Stopwatch.GetElapsedTime(started);

        // The change answered only after a whole lease; until this silo's lease runs out it keeps the list it read.
        // A whole lease by the clock caches count it on, not by a timer's coarser tick.
        Assert.True(waited >= lease, $"The subscription answered after {waited}, before the {lease} lease.");
        Assert.DoesNotContain(await cache.GetAsync(eventType), t => path.EndsWith(t.SubscriptionId, StringComparison.Ordinal));
        clock.Advance(lease);
        Assert.Contains(await cache.GetAsync(eventType), t => path.EndsWith(t.SubscriptionId, StringComparison.Ordinal));
        Assert.Equal(2, cache.Reads);
    }

    [Fact]
    public async Task A_delivery_that_fails_every_attempt_becomes_a_dead_letter_an_operator_can_replay()
    {
        var (path, _) = await Subscribe("IntentWithdrawn");
        var refusing = true;
        var previous = fixture.Receiver.Answer;
        fixture.Receiver.Answer = r => r.Path == path && Volatile.Read(ref refusing) ? (500, "{}") : previous(r);
        try
        {
            var world = new PartnerWorld(fixture.Grains);
            var customer = await world.Customer();
            await customer.ExpressIntentAsync(world.Intent("gone"));
            await customer.WithdrawIntentAsync("gone");

            await fixture.Receiver.WaitForAsync(r => r.Path == path, MessagingClusterFixture.WebhookAttempts);
            var subscriptionId = path["/hooks/".Length..];
            var deadLetter = (await Poll.UntilAsync(DeadLetters.ListAsync, l => l.Any(d => d.SubscriptionId == subscriptionId),
                TimeSpan.FromSeconds(30), "The failed delivery becoming a dead letter")).First(d => d.SubscriptionId == subscriptionId);
            Assert.Equal(MessagingClusterFixture.WebhookAttempts, deadLetter.Attempts);
            Assert.Contains("500", deadLetter.LastError);

            Volatile.Write(ref refusing, false);
            var dispatcher = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<WebhookDispatcher>();
            var error = await dispatcher.ReplayAsync(deadLetter, CancellationToken.None);

            Assert.Null(error);
            Assert.Equal(MessagingClusterFixture.WebhookAttempts + 1, fixture.Receiver.Requests.Count(r => r.Path == path));
            Assert.DoesNotContain(await DeadLetters.ListAsync(), d => d.DeadLetterId == deadLetter.DeadLetterId);
        }
        finally
        {
            fixture.Receiver.Answer = previous;
        }
    }

    [Fact]
    public async Task A_partner_subscription_sees_only_its_own_slots_and_the_customer_under_a_pseudonym()
    {
        var (chain, owner, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains);
        var (mine, _) = await Subscribe("ValueChainSlotStatusChanged", maker);
        var (someoneElses, _) = await Subscribe("ValueChainSlotStatusChanged", await new PartnerWorld(fixture.Grains).Partner("other"));

        await chain.AsReference<IValueChainForPartnersGrain>().UpdateFulfilmentAsync(maker, "maker", FulfilmentStatus.InProduction, null);
        await chain.AsReference<IValueChainForPartnersGrain>().UpdateFulfilmentAsync(maker, "maker", FulfilmentStatus.Shipped, null);

        var deliveries = await fixture.Receiver.WaitForAsync(r => r.Path == mine, 2);
        Assert.All(deliveries, d =>
        {
            using var body = JsonDocument.Parse(d.Body);
            var data = body.RootElement.GetProperty("data");
            Assert.Equal(maker, data.GetProperty("partnerId").GetString());
            Assert.NotEqual(owner, data.GetProperty("customerId").GetString());
            Assert.DoesNotContain(owner, d.Body, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(fixture.Receiver.Requests, r => r.Path == someoneElses);
    }

    [Fact]
    public async Task A_partner_hears_of_the_chain_its_offer_seeded_and_not_of_chains_it_is_not_in()
    {
        var world = new PartnerWorld(fixture.Grains);
        var seeder = await world.Partner("seeder");
        var owner = (await world.Customer()).GetPrimaryKeyString();
        var (mine, _) = await Subscribe("ValueChainOpened", seeder);
        var (everyones, _) = await Subscribe("ValueChainOpened");
        var other = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        await other.CreateAsync(new CreateValueChain(owner, "Garden office", [new SlotDefinition("builder")]));
        var seeded = fixture.Grains.GetGrain<IValueChainGrain>(Keys.Customer("vc"));
        await seeded.AsReference<IValueChainForPartnersGrain>().SeedAsync(
            new CreateValueChain(owner, "Bikes", [new SlotDefinition(world.Category)]), seeder, PartnerWorld.Offer(5_000, 10));

        // The unscoped subscription hears of both chains; once it has heard of the other chain, the seeder's
        // subscription was passed over for it (a dispatch shapes every target's payload before it delivers any).
        var both = await fixture.Receiver.WaitForAsync(r => r.Path == everyones, 2);
        var delivery = Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == mine));
        using var body = JsonDocument.Parse(delivery.Body);
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(seeded.GetPrimaryKeyString(), data.GetProperty("valueChainId").GetString());
        Assert.Equal([world.Category], data.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([seeder], data.GetProperty("partnerIds").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain(owner, delivery.Body, StringComparison.Ordinal);
        Assert.Equal(
            new[] { other.GetPrimaryKeyString(), seeded.GetPrimaryKeyString() }.Order(),
            both.Select(d => JsonNode.Parse(d.Body)!["data"]!["valueChainId"]!.GetValue<string>()).Order());
        Assert.Single(fixture.Receiver.Requests, r => r.Path == mine);
    }

    [Fact]
    public async Task A_partner_hears_that_an_intent_cast_to_it_was_withdrawn_and_that_a_chain_it_is_in_was_cancelled()
    {
        // Neither event named a partner, so a partner's subscription to them, which was accepted, never heard anything.
        var world = new PartnerWorld(fixture.Grains);
        var cast = await world.Partner("cast");
        var (intents, _) = await Subscribe("IntentWithdrawn", cast);
        var customer = await world.Customer();
        await customer.ExpressIntentAsync(world.Intent("bikes"));
        await customer.WithdrawIntentAsync("bikes");
        var (chain, owner, maker) = await ValueChainWorld.CommittedAsync(fixture.Grains);
        var (chains, _) = await Subscribe("ValueChainCancelled", maker);
        await chain.CancelAsync(owner, "Plans changed");

        var withdrawn = JsonNode.Parse(Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == intents)).Body)!["data"]!;
        var cancelled = JsonNode.Parse(Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == chains)).Body)!["data"]!;
        Assert.Equal("bikes", withdrawn["intentId"]!.GetValue<string>());
        Assert.Equal([cast], withdrawn["partnerIds"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.NotEqual(customer.GetPrimaryKeyString(), withdrawn["customerId"]!.GetValue<string>());
        Assert.Equal(chain.GetPrimaryKeyString(), cancelled["valueChainId"]!.GetValue<string>());
        Assert.Equal([maker], cancelled["partnerIds"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.NotEqual(owner, cancelled["customerId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_subscription_for_a_partner_nobody_registered_is_refused_and_not_kept()
    {
        var id = Keys.Customer("hook");
        var ghost = Keys.Customer("ghost");

        var error = await Assert.ThrowsAsync<RelationshipValidationException>(() =>
            Registry.SubscribeAsync(new SubscribeWebhook(id, $"{fixture.Receiver.BaseUrl}/hooks/{id}", ["InteractionRecorded"], ghost)));

        Assert.Equal(("partnerId", $"Partner '{ghost}' is not registered."), (error.Field, error.Message));
        Assert.DoesNotContain(await Registry.ListAsync(), s => s.SubscriptionId == id);
    }

    [Fact]
    public void A_subscription_naming_a_null_event_type_is_refused()
    {
        var request = new SubscribeWebhook("nulls", "https://hooks.example.com/rg", [null!]);

        var error = Assert.Throws<RelationshipValidationException>(() => request.Validate(["InteractionRecorded"], allowInternalTargets: false));

        Assert.Equal("eventTypes", error.Field);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://localhost./hook")]
    [InlineData("http://[::1]/hook")]
    public void A_subscription_to_our_own_network_is_refused_unless_allowed(string url)
    {
        var request = new SubscribeWebhook("internal", url, ["InteractionRecorded"]);

        var error = Assert.Throws<RelationshipValidationException>(() => request.Validate(["InteractionRecorded"], allowInternalTargets: false));

        Assert.Equal("url", error.Field);
        request.Validate(["InteractionRecorded"], allowInternalTargets: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_subscription_url_with_a_user_name_or_password_is_refused(bool allowInternalTargets)
    {
        var request = new SubscribeWebhook("with-credentials", "https://user:secret@hooks.example.com/h", ["InteractionRecorded"]);

        var error = Assert.Throws<RelationshipValidationException>(() => request.Validate(["InteractionRecorded"], allowInternalTargets));

        Assert.Equal("url", error.Field);
        Assert.Contains("user name or password", error.Message, StringComparison.Ordinal);
        (request with { Url = "https://hooks.example.com/h" }).Validate(["InteractionRecorded"], allowInternalTargets);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Webhook_connections_go_straight_to_the_receiver_whatever_proxy_the_environment_names(bool allowInternalTargets)
    {
        // Through HTTP_PROXY the address checked was the proxy's, never the receiver's.
        using var handler = GuardedConnections.Handler(allowInternalTargets);

        Assert.False(handler.UseProxy);
    }

    [Fact]
    public async Task A_name_that_resolves_inside_our_network_is_refused_when_the_call_is_made()
    {
        using var http = new HttpClient(GuardedConnections.Handler(allowInternalTargets: false));
        var port = new Uri(fixture.Receiver.BaseUrl).Port;

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://localhost:{port}/hooks/rebound"));

        Assert.Contains("inside our network", error.Message);
        Assert.DoesNotContain(fixture.Receiver.Requests, r => r.Path == "/hooks/rebound");
    }
}
