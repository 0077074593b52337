using Microsoft.Extensions.Time.Testing;
using RelationshipGrains.Grains.Integration;

namespace RelationshipGrains.Tests.Integration;

public sealed class Timing_out_a_publish
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Publishes_started_within_a_tenth_of_the_timeout_share_one_deadline_and_the_next_tenth_gets_its_own()
    {
        var (time, deadlines, first, sameTenth) = FirstAndLastOfATenth();
        time.Advance(TimeSpan.FromMilliseconds(1));
        var nextTenth = deadlines.Next();

        Assert.Equal(first, sameTenth);
        Assert.NotEqual(first, nextTenth);
    }

    [Fact]
    public void A_publish_started_last_in_its_tenth_still_gets_the_whole_timeout_and_the_first_at_most_a_tenth_more()
    {
        var (time, _, first, last) = FirstAndLastOfATenth();

        // The last caller's whole timeout, less a millisecond: still running.
        time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(last.IsCancellationRequested);

        // Eleven seconds after the first caller: both are out.
        time.Advance(TimeSpan.FromMilliseconds(2));
        Assert.True(first.IsCancellationRequested);
        Assert.True(last.IsCancellationRequested);
    }

    /// <summary>A deadline taken at the start of a tenth of the timeout, and one taken in its last millisecond.</summary>
    private static (FakeTimeProvider Time, PublishDeadlines Deadlines, CancellationToken First, CancellationToken Last)
        FirstAndLastOfATenth()
    {
        var time = new FakeTimeProvider();
        var deadlines = new PublishDeadlines(Timeout, time);
        var first = deadlines.Next();
        time.Advance(TimeSpan.FromMilliseconds(999));
        return (time, deadlines, first, deadlines.Next());
    }
}
