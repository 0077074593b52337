using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RelationshipGrains.Grains.Webhooks;
using RelationshipGrains.Integration.Webhooks;

namespace RelationshipGrains.Tests.Integration;

public sealed class Holding_back_failing_webhook_receivers
{
    private readonly FakeTimeProvider _clock = new();

    private FailingReceivers Receivers(int attempts = 5) =>
        new(Options.Create(new WebhookOptions { Attempts = attempts, FirstRetryDelay = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(10) }), _clock);

    [Fact]
    public void A_receiver_with_eight_attempts_under_way_gets_no_ninth_until_one_ends()
    {
        var receivers = Receivers();
        for (var i = 0; i < FailingReceivers.MaxUnderWay; i++)
        {
            Assert.True(receivers.TryStart("slow"));
        }

        Assert.False(receivers.TryStart("slow"));
        Assert.True(receivers.TryStart("another"));
        receivers.Finished("slow", failed: false);
        Assert.True(receivers.TryStart("slow"));
    }

    [Fact]
    public void A_receiver_that_failed_is_held_back_for_the_longest_wait_then_one_delivery_tries_it()
    {
        var receivers = Receivers();
        Assert.Equal(TimeSpan.FromSeconds(16), receivers.Hold);
        Assert.True(receivers.TryStart("down"));
        receivers.Finished("down", failed: true);

        _clock.Advance(TimeSpan.FromSeconds(15.9));
        Assert.False(receivers.TryStart("down"));
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(receivers.TryStart("down"));
        // That one took the next hold: the others keep going to the queue while it tries.
        Assert.False(receivers.TryStart("down"));
        receivers.Finished("down", failed: false);
        Assert.True(receivers.TryStart("down"));
    }

    [Fact]
    public void The_hold_is_at_least_an_attempts_timeout()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), Receivers(attempts: 2).Hold);
    }
}
