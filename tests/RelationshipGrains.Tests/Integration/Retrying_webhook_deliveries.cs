using Orleans.Journaling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RelationshipGrains.Customers;
using RelationshipGrains.Errors;
using RelationshipGrains.Grains.Customers;
using RelationshipGrains.Grains.Privacy;
using RelationshipGrains.Grains.Webhooks;
using RelationshipGrains.Integration.Contracts;
using RelationshipGrains.Integration.Webhooks;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Tests.Integration;

[Collection(MessagingCollection.Name)]
public sealed class Retrying_webhook_deliveries(MessagingClusterFixture fixture)
{
    private const string EventType = nameof(CustomerErased);

    private IWebhookDeadLettersGrain DeadLetters => fixture.Grains.GetGrain<IWebhookDeadLettersGrain>(0);

    private async Task<string> Subscribe()
    {
        var id = Keys.Customer("retry");
        await fixture.Grains.GetGrain<IWebhookRegistryGrain>(0).SubscribeAsync(new SubscribeWebhook(id, $"{fixture.Receiver.BaseUrl}/hooks/{id}", [EventType]));
        return id;
    }

    private int RequestsTo(string subscriptionId) => fixture.Receiver.Requests.Count(r => r.Path == $"/hooks/{subscriptionId}");

    /// <summary>A dispatcher whose own retries would wait a minute: a dispatch that waits for them never ends in time.</summary>
    private WebhookDispatcher SlowRetryingDispatcher(IHostApplicationLifetime? lifetime = null) =>
        Dispatcher(new WebhookOptions { Attempts = MessagingClusterFixture.WebhookAttempts, FirstRetryDelay = TimeSpan.FromMinutes(1) }, lifetime);

    private WebhookDispatcher Dispatcher(WebhookOptions settings, IHostApplicationLifetime? lifetime = null)
    {
        var options = Options.Create(settings);
        var services = fixture.Cluster.Silos[0].ServiceProvider;
        return new WebhookDispatcher(fixture.Grains, services.GetRequiredService<WebhookTargetCache>(), services.GetRequiredService<WebhookSender>(),
            services.GetRequiredService<Pseudonyms>(), new FailingReceivers(options, TimeProvider.System), options, TimeProvider.System,
            lifetime ?? services.GetRequiredService<IHostApplicationLifetime>());
    }

    private static CustomerErased Erased() => new(Keys.Customer(), [], DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_receiver_that_is_down_holds_up_no_other_subscriptions_deliveries()
    {
        var (down, up) = (await Subscribe(), await Subscribe());
        var previous = fixture.Receiver.Answer;
        fixture.Receiver.Answer = r => r.Path == $"/hooks/{down}" ? (500, "{}") : previous(r);
        try
        {
            var dispatcher = SlowRetryingDispatcher();
            var messages = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();

            // One after another, as an endpoint's slot takes them: each answers once its deliveries are made or queued.
            foreach (var messageId in messages)
            {
                await dispatcher.DispatchAsync(Erased(), messageId, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }

            Assert.Equal(20, RequestsTo(up));
            // The first failed delivery waits a minute in the queue; the 19 after it were queued untried and are tried by
            // the queue on the silo's schedule (50 ms doubling, 3 attempts), one probe a round standing for all due.
            var dead = await Poll.UntilAsync(DeadLetters.ListAsync, l => l.Count(d => d.SubscriptionId == down) == 19,
                TimeSpan.FromSeconds(30), "The 19 untried deliveries becoming dead letters");
            Assert.All(dead.Where(d => d.SubscriptionId == down), d => Assert.Equal(MessagingClusterFixture.WebhookAttempts, d.Attempts));
            Assert.Equal(messages.Skip(1).Order(), dead.Where(d => d.SubscriptionId == down).Select(d => d.MessageId).Order());
            var waiting = Assert.Single(await fixture.Grains.GetGrain<IWebhookRetriesGrain>(down).ListAsync());
            Assert.Equal((messages[0], 1, "The receiver answered 500."), (waiting.MessageId, waiting.Attempts, waiting.LastError));
            // Tried one by one, each would have cost its own attempts: 1 + 19 x 3.
            Assert.InRange(RequestsTo(down), MessagingClusterFixture.WebhookAttempts, 19 * MessagingClusterFixture.WebhookAttempts);
        }
        finally
        {
            fixture.Receiver.Answer = previous;
        }
    }

    [Fact]
    public async Task An_erasure_takes_the_customers_deliveries_from_the_queues_and_the_dead_letters_but_not_its_own_events()
    {
        var (erased, other) = (Keys.Customer("erased"), Keys.Customer("other"));
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(erased);
        await customer.RecordInteractionAsync(Requests.Interaction("hello", "Hello"));
        var down = await Subscribe();
        var previous = fixture.Receiver.Answer;
        fixture.Receiver.Answer = r => r.Path == $"/hooks/{down}" ? (500, "{}") : previous(r);
        try
        {
            // The dispatcher names the customer on what it queues (raised at a time not known, so before the erasure); the
            // queue tries it again in a minute.
            var queued = Guid.NewGuid();
            var before = DateTimeOffset.UtcNow.AddMinutes(-5);
            await SlowRetryingDispatcher().DispatchAsync(new CustomerErased(erased, [], before), queued, null, CancellationToken.None);
            var retries = fixture.Grains.GetGrain<IWebhookRetriesGrain>(down);
            Assert.Equal(erased, Assert.Single(await retries.ListAsync()).CustomerId);
            var otherRetry = new WebhookRetry(Guid.NewGuid(), EventType, Body(other), 1, "The receiver answered 500.", DateTimeOffset.UtcNow.AddHours(1), before, other);
            await retries.WaitAsync(otherRetry);
            WebhookDeadLetter Letter(string body, string? customerId, DateTimeOffset raisedAt)
            {
                var id = Guid.NewGuid();
                return new WebhookDeadLetter($"{down}.{id:N}", down, id, EventType, body, 3, "The receiver answered 500.", DateTimeOffset.UtcNow, raisedAt, customerId);
            }

            // Kept before dead letters named their customer, the body alone says whose it is: by id, or by a partner's
            // pseudonym on a partner's subscription; an idea's event names them among its askers.
            var partner = await new PartnerWorld(fixture.Grains).Partner("seeds");
            await fixture.Grains.GetGrain<IWebhookRegistryGrain>(0).SubscribeAsync(
                new SubscribeWebhook(Keys.Customer("partner"), $"{fixture.Receiver.BaseUrl}/hooks/partner", [EventType], partner));
            var pseudonym = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Pseudonyms>().For(erased, partner);
            var askers = $$$"""{"id":"{{{Guid.NewGuid()}}}","type":"IdeaStatusChanged","data":{"ideaId":"i","askingCustomerIds":["{{{other}}}","{{{erased}}}"]}}""";
            var (named, unnamed, others, later) = (Letter(Body(erased), erased, before), Letter(Body(erased), null, before), Letter(Body(other), other, before),
                Letter(Body(erased), erased, DateTimeOffset.UtcNow.AddMinutes(5)));
            await DeadLetters.AddManyAsync([named, unnamed, others, later, Letter(Body(pseudonym), null, before), Letter(askers, null, before)]);

            var receipt = await customer.Stewardship().EraseAsync();

            // The CustomerErased the erasure raised goes to this receiver too, which fails it to the last attempt.
            var letters = await Poll.UntilAsync(DeadLetters.ListAsync, l => l.Any(d => d.SubscriptionId == down && d.RaisedAt == receipt.ErasedAt),
                TimeSpan.FromSeconds(10), "the erasure's own event among the dead letters");
            var kept = letters.Where(d => d.SubscriptionId == down && d.RaisedAt != receipt.ErasedAt).Select(d => d.DeadLetterId);
            Assert.Equal(new[] { later.DeadLetterId, others.DeadLetterId }.Order(StringComparer.Ordinal), kept.Order(StringComparer.Ordinal));
            Assert.Equal([otherRetry.MessageId], (await retries.ListAsync()).Select(r => r.MessageId));

            // An event raised before the erasure and published after it fails at the receiver once the erasure is done:
            // the erasure's reminder ticks once more, sweeps again, and goes.
            var late = Letter(Body(erased), erased, before);
            await DeadLetters.AddAsync(late);
            Assert.True(fixture.Reminders.Holds(customer.GetGrainId(), CustomerGrain.ErasureReminder));
            await customer.AsReference<IRemindable>().ReceiveReminder(CustomerGrain.ErasureReminder,
                new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));
            Assert.DoesNotContain(await DeadLetters.ListAsync(), d => d.DeadLetterId == late.DeadLetterId);
            Assert.False(fixture.Reminders.Holds(customer.GetGrainId(), CustomerGrain.ErasureReminder));
        }
        finally
        {
            fixture.Receiver.Answer = previous;
        }
    }

    private static string Body(string customerId) =>
        $$$"""{"id":"{{{Guid.NewGuid()}}}","type":"{{{EventType}}}","data":{"customerId":"{{{customerId}}}","partnersToNotify":[]}}""";

    [Fact]
    public async Task A_receiver_that_never_answers_fails_the_attempt_at_the_timeout_and_the_delivery_waits_in_its_queue()
    {
        // Accepts connections and never answers, like a receiver whose process hangs.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var id = Keys.Customer("silent");
        await fixture.Grains.GetGrain<IWebhookRegistryGrain>(0).SubscribeAsync(
            new SubscribeWebhook(id, $"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}/hooks", [EventType]));
        var healthy = await Subscribe();
        var dispatcher = Dispatcher(new WebhookOptions { Attempts = 3, FirstRetryDelay = TimeSpan.FromMinutes(1), Timeout = TimeSpan.FromMilliseconds(300) });
        var messageId = Guid.NewGuid();

        // A timeout escaping as a fault failed the whole event, and the bus sent it again to every subscription.
        await dispatcher.DispatchAsync(Erased(), messageId, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var waiting = Assert.Single(await fixture.Grains.GetGrain<IWebhookRetriesGrain>(id).ListAsync());
        Assert.Equal((messageId, 1, "The receiver did not answer within 0.3 s."), (waiting.MessageId, waiting.Attempts, waiting.LastError));
        Assert.Equal(1, RequestsTo(healthy));
        await fixture.Grains.GetGrain<IWebhookRegistryGrain>(0).RemoveAsync(id);
    }

    [Fact]
    public async Task A_delivery_that_waited_reaches_its_receiver_once_it_answers_again()
    {
        var subscriptionId = await Subscribe();
        var failures = 2;
        var previous = fixture.Receiver.Answer;
        fixture.Receiver.Answer = r => r.Path == $"/hooks/{subscriptionId}" && Interlocked.Decrement(ref failures) >= 0 ? (503, "{}") : previous(r);
        try
        {
            var messageId = Guid.NewGuid();
            await fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<WebhookDispatcher>()
                .DispatchAsync(Erased(), messageId, null, CancellationToken.None);

            // Failed inline, then once in the queue, then accepted: the third of three attempts.
            await fixture.Receiver.WaitForAsync(r => r.Path == $"/hooks/{subscriptionId}", 3);
            var retries = fixture.Grains.GetGrain<IWebhookRetriesGrain>(subscriptionId);
            await Poll.UntilAsync(retries.ListAsync, l => l.Count == 0, TimeSpan.FromSeconds(10), "The queue emptying");
            Assert.Equal(3, RequestsTo(subscriptionId));
            Assert.DoesNotContain(await DeadLetters.ListAsync(), d => d.SubscriptionId == subscriptionId);
            await Poll.UntilAsync(() => Task.FromResult(fixture.Reminders.Holds(retries.GetGrainId(), WebhookRetriesGrain.ReminderName)), held => !held,
                TimeSpan.FromSeconds(10), "The queue's reminder going once the queue is empty");
        }
        finally
        {
            fixture.Receiver.Answer = previous;
        }
    }

    [Fact]
    public async Task A_waiting_delivery_outlives_its_activation_and_is_delivered_when_the_reminder_wakes_the_queue()
    {
        var subscriptionId = await Subscribe();
        var retries = fixture.Grains.GetGrain<IWebhookRetriesGrain>(subscriptionId);
        var messageId = Guid.NewGuid();
        var body = $$"""{"id":"{{messageId}}","type":"{{EventType}}","data":null}""";

        await retries.WaitAsync(new WebhookRetry(messageId, EventType, body, 1, "The receiver answered 500.", DateTimeOffset.UtcNow.AddSeconds(3)));
        Assert.True(fixture.Reminders.Holds(retries.GetGrainId(), WebhookRetriesGrain.ReminderName));
        await fixture.Cluster.DeactivateAsync(retries);
        await retries.AsReference<IRemindable>().ReceiveReminder(WebhookRetriesGrain.ReminderName, new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));

        var delivery = Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == $"/hooks/{subscriptionId}"));
        Assert.Equal(body, delivery.Body);
        Assert.Equal(messageId.ToString(), delivery.Headers[WebhookSignature.DeliveryHeader]);
        await Poll.UntilAsync(retries.ListAsync, l => l.Count == 0, TimeSpan.FromSeconds(10), "The queue emptying");
    }

    [Fact]
    public async Task A_silo_that_is_stopping_queues_its_deliveries_untried_and_the_queue_delivers_them()
    {
        var subscriptionId = await Subscribe();
        using var lifetime = new StoppableLifetime();
        lifetime.StopApplication();
        var messageId = Guid.NewGuid();

        await SlowRetryingDispatcher(lifetime).DispatchAsync(Erased(), messageId, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        // The queue lives on (here the silo keeps running) and makes the delivery, once.
        var delivery = Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == $"/hooks/{subscriptionId}"));
        Assert.Equal(messageId.ToString(), delivery.Headers[WebhookSignature.DeliveryHeader]);
        await Poll.UntilAsync(fixture.Grains.GetGrain<IWebhookRetriesGrain>(subscriptionId).ListAsync, l => l.Count == 0,
            TimeSpan.FromSeconds(10), "The queue emptying");
        Assert.Equal(1, RequestsTo(subscriptionId));
    }

    [Fact]
    public async Task A_full_queue_keeps_one_more_delivery_as_a_dead_letter_untried_and_a_repeat_is_not_queued_twice()
    {
        var subscriptionId = await Subscribe();
        var retries = fixture.Grains.GetGrain<IWebhookRetriesGrain>(subscriptionId);
        var later = DateTimeOffset.UtcNow.AddHours(1);
        var first = new WebhookRetry(Guid.NewGuid(), EventType, "{}", 1, "The receiver answered 500.", later);
        await retries.WaitAsync(first);
        await retries.WaitAsync(first with { Attempts = 0 });
        for (var i = 1; i < WebhookRetriesGrain.MaxWaiting; i += 500)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(500, WebhookRetriesGrain.MaxWaiting - i))
                .Select(_ => retries.WaitAsync(first with { MessageId = Guid.NewGuid() })));
        }

        var overflow = first with { MessageId = Guid.NewGuid() };
        await retries.WaitAsync(overflow);

        var waiting = await retries.ListAsync();
        Assert.Equal(WebhookRetriesGrain.MaxWaiting, waiting.Count);
        Assert.Equal(first, waiting[0]);
        Assert.DoesNotContain(waiting, r => r.MessageId == overflow.MessageId);
        var deadLetter = Assert.Single(await DeadLetters.ListAsync(), d => d.SubscriptionId == subscriptionId);
        Assert.Equal((overflow.MessageId, "Not tried: 10,000 deliveries were already waiting for this receiver."), (deadLetter.MessageId, deadLetter.LastError));
        Assert.Equal(0, RequestsTo(subscriptionId));
        // Nothing of this test is left for the queue's round in an hour to try.
        await fixture.Grains.GetGrain<IWebhookRegistryGrain>(0).RemoveAsync(subscriptionId);
    }

    [Fact]
    public async Task Deliveries_waiting_for_a_subscription_that_was_removed_are_dropped_untried()
    {
        var subscriptionId = await Subscribe();
        // The removal answers once every silo's cached list of subscriptions has expired.
        await fixture.Grains.GetGrain<IWebhookRegistryGrain>(0).RemoveAsync(subscriptionId);
        var retries = fixture.Grains.GetGrain<IWebhookRetriesGrain>(subscriptionId);

        await retries.WaitAsync(new WebhookRetry(Guid.NewGuid(), EventType, "{}", 1, "The receiver answered 500.", DateTimeOffset.UtcNow));

        await Poll.UntilAsync(retries.ListAsync, l => l.Count == 0, TimeSpan.FromSeconds(10), "The queue dropping the delivery");
        Assert.Equal(0, RequestsTo(subscriptionId));
        Assert.DoesNotContain(await DeadLetters.ListAsync(), d => d.SubscriptionId == subscriptionId);
    }

    [Fact]
    public async Task An_erasure_rewrites_a_queue_and_the_dead_letters_that_let_deliveries_go_so_none_stays_in_storage()
    {
        var subscriptionId = await Subscribe();
        var retries = fixture.Grains.GetGrain<IWebhookRetriesGrain>(subscriptionId);
        // A dead-letter grain of its own, whose journal holds only what this test wrote.
        var deadLetters = fixture.Grains.GetGrain<IWebhookDeadLettersGrain>(Random.Shared.NextInt64(1, long.MaxValue));
        var (delivered, replayed) = (Guid.NewGuid(), Guid.NewGuid());
        var customer = Keys.Customer("left");
        await retries.WaitAsync(new WebhookRetry(delivered, EventType, $$"""{"note":"{{delivered:N}}"}""", 1, "The receiver answered 500.",
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, customer));
        await fixture.Receiver.WaitForAsync(r => r.Path == $"/hooks/{subscriptionId}");
        await Poll.UntilAsync(retries.ListAsync, l => l.Count == 0, TimeSpan.FromSeconds(10), "The queue letting the delivery go");
        var letter = new WebhookDeadLetter($"{subscriptionId}.{replayed:N}", subscriptionId, replayed, EventType, $$"""{"note":"{{replayed:N}}"}""", 3,
            "The receiver answered 500.", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, customer);
        await deadLetters.AddAsync(letter);
        await deadLetters.RemoveAsync(letter.DeadLetterId);

        // Another customer's erasure: neither holds anything of theirs, but both journals still held what left them.
        await retries.ForgetCustomerAsync(Keys.Customer("erased"), [], DateTimeOffset.UtcNow);
        await deadLetters.ForgetCustomerAsync(Keys.Customer("erased"), [], DateTimeOffset.UtcNow);

        bool Holds(IAddressable grain, Guid marker) =>
            fixture.Journals.RawBytes(JournalId.FromGrainId(grain.GetGrainId())).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(marker.ToString("N"))) >= 0;
        Assert.False(Holds(retries, delivered));
        Assert.False(Holds(deadLetters, replayed));
        Assert.Empty(await deadLetters.ListAsync());
    }

    [Fact]
    public async Task A_subscription_made_again_under_the_same_id_gets_only_what_was_raised_after_it_from_the_queue_and_from_replays()
    {
        var subscriptionId = await Subscribe();
        var raisedBefore = DateTimeOffset.UtcNow;
        var registry = fixture.Grains.GetGrain<IWebhookRegistryGrain>(0);
        await registry.RemoveAsync(subscriptionId);
        await registry.SubscribeAsync(new SubscribeWebhook(subscriptionId, $"{fixture.Receiver.BaseUrl}/hooks/{subscriptionId}", [EventType]));
        var retries = fixture.Grains.GetGrain<IWebhookRetriesGrain>(subscriptionId);
        var (old, current) = (Guid.NewGuid(), Guid.NewGuid());

        // The old one first: its subscription being gone must not stand for the delivery behind it.
        await retries.WaitAsync(new WebhookRetry(old, EventType, "{}", 1, "The receiver answered 500.", DateTimeOffset.UtcNow, raisedBefore));
        await retries.WaitAsync(new WebhookRetry(current, EventType, "{}", 1, "The receiver answered 500.", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));

        var delivery = Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == $"/hooks/{subscriptionId}"));
        Assert.Equal(current.ToString(), delivery.Headers[WebhookSignature.DeliveryHeader]);
        await Poll.UntilAsync(retries.ListAsync, l => l.Count == 0, TimeSpan.FromSeconds(10), "The queue emptying");
        Assert.DoesNotContain(await DeadLetters.ListAsync(), d => d.SubscriptionId == subscriptionId);

        var oldDeadLetter = new WebhookDeadLetter($"{subscriptionId}.{old:N}", subscriptionId, old, EventType, "{}", 5, "The receiver answered 500.",
            DateTimeOffset.UtcNow, raisedBefore);
        var refused = await Assert.ThrowsAsync<RelationshipConflictException>(() =>
            fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<WebhookDispatcher>().ReplayAsync(oldDeadLetter, CancellationToken.None));
        Assert.Equal($"Subscription '{subscriptionId}' was made again after this event; it gets only events raised since.", refused.Message);
        Assert.Equal(1, RequestsTo(subscriptionId));
    }

    [Fact]
    public async Task A_subscription_sent_again_for_the_same_receiver_keeps_its_queue_and_signs_it_with_the_new_secret()
    {
        var registry = fixture.Grains.GetGrain<IWebhookRegistryGrain>(0);
        var subscriptionId = Keys.Customer("again");
        var request = new SubscribeWebhook(subscriptionId, $"{fixture.Receiver.BaseUrl}/hooks/{subscriptionId}", [EventType]);
        var first = await registry.SubscribeAsync(request);
        var raisedBetween = DateTimeOffset.UtcNow;

        // A retry of the POST whose answer was lost, or a rotation of the secret: before, it moved the subscription's
        // date, and every delivery raised before it was dropped as older than the subscription.
        var again = await registry.SubscribeAsync(request);
        var retries = fixture.Grains.GetGrain<IWebhookRetriesGrain>(subscriptionId);
        var queued = Guid.NewGuid();
        await retries.WaitAsync(new WebhookRetry(queued, EventType, "{}", 1, "The receiver answered 500.", DateTimeOffset.UtcNow, raisedBetween));

        var delivery = Assert.Single(await fixture.Receiver.WaitForAsync(r => r.Path == $"/hooks/{subscriptionId}"));
        Assert.Equal(queued.ToString(), delivery.Headers[WebhookSignature.DeliveryHeader]);
        Assert.True(WebhookSignature.Verify(again.Secret, delivery.Headers[WebhookSignature.TimestampHeader], delivery.Body,
            delivery.Headers[WebhookSignature.SignatureHeader], DateTimeOffset.UtcNow));
        Assert.NotEqual(first.Secret, again.Secret);
        Assert.Equal(first.Subscription.CreatedAt, again.Subscription.CreatedAt);
        await Poll.UntilAsync(retries.ListAsync, l => l.Count == 0, TimeSpan.FromSeconds(10), "The queue emptying");
        await registry.RemoveAsync(subscriptionId);
    }

    [Fact]
    public async Task A_subscription_sent_again_for_another_partner_starts_afresh()
    {
        var registry = fixture.Grains.GetGrain<IWebhookRegistryGrain>(0);
        var subscriptionId = Keys.Customer("moved");
        var request = new SubscribeWebhook(subscriptionId, $"{fixture.Receiver.BaseUrl}/hooks/{subscriptionId}", [EventType]);
        var first = await registry.SubscribeAsync(request);

        var moved = await registry.SubscribeAsync(request with { PartnerId = await new PartnerWorld(fixture.Grains).Partner("moved") });

        // What was raised for the operator's receiver is not the partner's to receive.
        Assert.True(moved.Subscription.CreatedAt > first.Subscription.CreatedAt);
        Assert.False((await registry.GetTargetAsync(subscriptionId))!.Wants(first.Subscription.CreatedAt));
        await registry.RemoveAsync(subscriptionId);
    }

    [Fact]
    public async Task A_delivery_whose_attempts_are_spent_stays_in_the_queue_until_it_is_kept_as_a_dead_letter()
    {
        var subscriptionId = await Subscribe();
        var previous = fixture.Receiver.Answer;
        fixture.Receiver.Answer = r => r.Path == $"/hooks/{subscriptionId}" ? (500, "{}") : previous(r);
        try
        {
            var retries = fixture.Grains.GetGrain<IWebhookRetriesGrain>(subscriptionId);
            var messageId = Guid.NewGuid();
            // Keeping it as a dead letter fails once, as a dead-letters grain on a silo that just died would.
            fixture.Failures.FailNext(nameof(IWebhookDeadLettersGrain.AddManyAsync));

            await retries.WaitAsync(new WebhookRetry(messageId, EventType, "{}", MessagingClusterFixture.WebhookAttempts - 1,
                "The receiver answered 500.", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));

            var dead = await Poll.UntilAsync(DeadLetters.ListAsync, l => l.Any(d => d.MessageId == messageId), TimeSpan.FromSeconds(30),
                "The spent delivery becoming a dead letter once keeping it works again");
            Assert.Equal(MessagingClusterFixture.WebhookAttempts, dead.Single(d => d.MessageId == messageId).Attempts);
            Assert.Empty(await retries.ListAsync());
            Assert.Equal(0, fixture.Failures.Armed(nameof(IWebhookDeadLettersGrain.AddManyAsync)));
            // The failed round tried the receiver once, and the one after it once more.
            Assert.Equal(2, RequestsTo(subscriptionId));
        }
        finally
        {
            fixture.Receiver.Answer = previous;
        }
    }

    private sealed class StoppableLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();
    }
}
