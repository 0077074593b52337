using RelationshipGrains.Grains.Customers;

namespace RelationshipGrains.Tests.Communities;

/// <summary>
/// A community or idea that deactivates with notices still queued waits for them until the deactivation's deadline;
/// past it the activation can no longer send (Orleans refuses its grain factory), so the rest are dropped and counted
/// instead of each failing on its own.
/// </summary>
public sealed class Dropping_notices_past_the_deactivation_deadline
{
    [Fact]
    public async Task Notices_not_yet_sent_at_the_deadline_are_dropped_and_counted()
    {
        var notices = new TimelineNotices();
        var firstAnswered = new TaskCompletionSource();
        var delivered = new List<int>();
        var failures = new List<Exception>();
        notices.Send(() => { delivered.Add(1); return firstAnswered.Task; }, failures.Add);
        notices.Send(() => { delivered.Add(2); return Task.CompletedTask; }, failures.Add);
        notices.Send(() => { delivered.Add(3); return Task.CompletedTask; }, failures.Add);

        var dropped = await notices.DrainAsync(new CancellationToken(canceled: true));
        firstAnswered.SetResult();
        await notices.DrainAsync(CancellationToken.None);

        Assert.Equal(2, dropped);
        Assert.Equal([1], delivered);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_drain_within_the_deadline_sends_every_notice_in_order()
    {
        var notices = new TimelineNotices();
        var firstAnswered = new TaskCompletionSource();
        var delivered = new List<int>();
        notices.Send(() => { delivered.Add(1); return firstAnswered.Task; }, _ => { });
        notices.Send(() => { delivered.Add(2); return Task.CompletedTask; }, _ => { });

        var draining = notices.DrainAsync(CancellationToken.None);
        Assert.False(draining.IsCompleted);
        firstAnswered.SetResult();

        Assert.Equal(0, await draining);
        Assert.Equal([1, 2], delivered);
    }
}
