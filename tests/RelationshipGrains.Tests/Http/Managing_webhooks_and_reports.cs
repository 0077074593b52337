using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RelationshipGrains.Grains.Webhooks;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class Managing_webhooks_and_reports(ApiFixture api)
{
    [Fact]
    public async Task An_operator_subscribes_sees_the_secret_once_and_removes_the_subscription()
    {
        var world = new HttpWorld(api);
        var id = Keys.Customer("hook");

        var issued = await HttpWorld.Ok(HttpWorld.Post(world.Operator, "/api/v1/webhooks/subscriptions",
            new { subscriptionId = id, url = "https://hooks.example.com/rg", eventTypes = new[] { "InteractionRecorded", "ValueChainCommitted" } }), HttpStatusCode.Created);
        var listed = await (await world.Operator.GetAsync("/api/v1/webhooks/subscriptions")).Content.ReadAsStringAsync();
        await HttpWorld.Ok(world.Operator.DeleteAsync($"/api/v1/webhooks/subscriptions/{id}"), HttpStatusCode.NoContent);
        await HttpWorld.Ok(world.Operator.DeleteAsync($"/api/v1/webhooks/subscriptions/{id}"), HttpStatusCode.NotFound);

        var secret = issued.GetProperty("secret").GetString()!;
        Assert.StartsWith("rgwh_", secret);
        Assert.Contains(id, listed);
        Assert.DoesNotContain(secret, listed);
    }

    [Fact]
    public async Task An_operator_sees_what_waits_to_be_tried_again_for_a_subscription()
    {
        var world = new HttpWorld(api);
        var id = Keys.Customer("hook");
        await HttpWorld.Ok(HttpWorld.Post(world.Operator, "/api/v1/webhooks/subscriptions",
            new { subscriptionId = id, url = "https://hooks.example.com/rg", eventTypes = new[] { "InteractionRecorded" } }), HttpStatusCode.Created);
        var messageId = Guid.NewGuid();
        var next = new DateTimeOffset(DateTimeOffset.UtcNow.AddHours(1).UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IWebhookRetriesGrain>(id)
            .WaitAsync(new WebhookRetry(messageId, "InteractionRecorded", "{}", 1, "The receiver answered 503.", next));

        var waiting = await HttpWorld.Ok(world.Operator.GetAsync($"/api/v1/webhooks/subscriptions/{id}/waiting"));
        var asChannel = await world.Channel.GetAsync($"/api/v1/webhooks/subscriptions/{id}/waiting");
        var unknown = await world.Operator.GetAsync($"/api/v1/webhooks/subscriptions/{Keys.Customer("nobody")}/waiting");
        // The queue drops the delivery at its round in an hour, the subscription being gone.
        await HttpWorld.Ok(world.Operator.DeleteAsync($"/api/v1/webhooks/subscriptions/{id}"), HttpStatusCode.NoContent);

        var only = Assert.Single(waiting.EnumerateArray());
        Assert.Equal(messageId, only.GetProperty("messageId").GetGuid());
        Assert.Equal("InteractionRecorded", only.GetProperty("eventType").GetString());
        Assert.Equal(1, only.GetProperty("attempts").GetInt32());
        Assert.Equal("The receiver answered 503.", only.GetProperty("lastError").GetString());
        Assert.Equal(next, only.GetProperty("nextAttemptAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Forbidden, asChannel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", "url")]
    [InlineData("http://127.0.0.1:5080/api/v1/partners", "url")]
    [InlineData("https://hooks.example.com/rg", "eventTypes")]
    public async Task A_subscription_to_our_own_network_or_to_no_known_event_is_refused(string url, string field)
    {
        var world = new HttpWorld(api);
        var types = field == "eventTypes" ? new[] { "PayrollRun" } : ["InteractionRecorded"];

        var refused = await HttpWorld.Post(world.Operator, "/api/v1/webhooks/subscriptions", new { subscriptionId = Keys.Customer("hook"), url, eventTypes = types });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(field, (await refused.ProblemAsync()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Replaying_an_unknown_dead_letter_is_not_found_and_the_reports_answer()
    {
        var world = new HttpWorld(api);

        await HttpWorld.Ok(HttpWorld.Post(world.Operator, "/api/v1/webhooks/dead-letters/nothing-here/replay"), HttpStatusCode.NotFound);
        var letters = await HttpWorld.Ok(world.Operator.GetAsync("/api/v1/webhooks/dead-letters"));
        var report = await HttpWorld.Ok(world.Operator.GetAsync("/api/v1/reports/relationships"));

        Assert.Equal(System.Text.Json.JsonValueKind.Array, letters.ValueKind);
        Assert.True(report.GetProperty("openIntents").GetInt32() >= 0);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, report.GetProperty("interactionsPerChannelPerDay").ValueKind);
    }

    [Fact]
    public async Task Replaying_a_dead_letter_whose_subscription_was_removed_is_a_conflict_not_a_receiver_refusal()
    {
        var world = new HttpWorld(api);
        var subscriptionId = Keys.Customer("gone");
        var deadLetter = new WebhookDeadLetter($"{subscriptionId}.{Guid.NewGuid():N}", subscriptionId, Guid.NewGuid(), "InteractionRecorded", "{}", 5,
            "The receiver answered 500.", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IWebhookDeadLettersGrain>(0).AddAsync(deadLetter);

        var refused = await HttpWorld.Post(world.Operator, $"/api/v1/webhooks/dead-letters/{deadLetter.DeadLetterId}/replay");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal($"Subscription '{subscriptionId}' no longer exists, so no receiver takes this dead letter.",
            (await refused.ProblemAsync()).GetProperty("detail").GetString());
    }
}
