using RelationshipGrains.Grains.Webhooks;
using RelationshipGrains.Tests.Infrastructure;
using RelationshipGrains.Webhooks;

namespace RelationshipGrains.Tests.Integration;

[Collection(ClusterCollection.Name)]
public sealed class Keeping_webhook_dead_letters(ClusterFixture fixture)
{
    private static WebhookDeadLetter Letter(string subscriptionId, string body, int attempts = 5) => new(
        $"{subscriptionId}.{Guid.NewGuid():N}", subscriptionId, Guid.NewGuid(), "InteractionRecorded", body, attempts, "HTTP 500", DateTimeOffset.UtcNow);

    [Fact]
    public async Task Dead_letters_are_appended_to_a_journal_replaced_by_id_removed_and_listed_newest_first()
    {
        var deadLetters = fixture.Grains.GetGrain<IWebhookDeadLettersGrain>(Random.Shared.NextInt64(1, long.MaxValue));
        var first = Letter("hook-a", "first body");
        var second = Letter("hook-b", "second body");
        var third = Letter("hook-c", "third body");

        await deadLetters.AddAsync(first);
        await deadLetters.AddAsync(second);
        await deadLetters.AddAsync(third);
        await deadLetters.AddAsync(second with { Attempts = 6, LastError = "HTTP 502" });
        Assert.True(await deadLetters.RemoveAsync(first.DeadLetterId));
        Assert.False(await deadLetters.RemoveAsync(first.DeadLetterId));

        var listed = await deadLetters.ListAsync();
        Assert.Equal([second.DeadLetterId, third.DeadLetterId], listed.Select(d => d.DeadLetterId));
        Assert.Equal((6, "HTTP 502"), (listed[0].Attempts, listed[0].LastError));
        Assert.True(fixture.Journals.Holds(deadLetters.GetGrainId(), "third body"));
    }

    [Fact]
    public async Task Dead_letters_the_registry_kept_in_its_state_move_to_their_journal_when_it_activates()
    {
        // A registry as versions before December 2026 stored it: subscriptions and dead letters in one state.
        var registryKey = Random.Shared.NextInt64(1, long.MaxValue);
        var registry = fixture.Grains.GetGrain<IWebhookRegistryGrain>(registryKey);
        var older = Letter("hook-old", "kept by the registry, older");
        var newer = Letter("hook-old", "kept by the registry, newer");
        var stored = new GrainState<WebhookRegistryState>(new WebhookRegistryState { DeadLetters = [older, newer] });
        await fixture.Storage.WriteStateAsync("webhooks", registry.GetGrainId(), stored);

        Assert.Empty(await registry.ListAsync());

        var moved = await fixture.Grains.GetGrain<IWebhookDeadLettersGrain>(0).ListAsync();
        Assert.Equal([newer.DeadLetterId, older.DeadLetterId], moved.Where(d => d.SubscriptionId == "hook-old").Select(d => d.DeadLetterId));
        Assert.Empty(fixture.Storage.Peek<WebhookRegistryState>("webhooks", registry.GetGrainId())!.DeadLetters);
    }
}
