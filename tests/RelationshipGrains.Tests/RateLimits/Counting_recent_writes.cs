using RelationshipGrains.Grains.RateLimits;

namespace RelationshipGrains.Tests.RateLimits;

public sealed class Counting_recent_writes
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_allowance_is_counted_from_the_first_write_and_given_back_whole_when_that_minute_is_over()
    {
        var recent = new RecentWrites();

        int[] allowed = [recent.TryAdd(Start, 3), recent.TryAdd(Start.AddSeconds(10), 3), recent.TryAdd(Start.AddSeconds(20), 3)];
        var fourth = recent.TryAdd(Start.AddSeconds(20), 3);
        var lastMoment = recent.TryAdd(Start.AddSeconds(59.5), 3);
        int[] nextMinute = [recent.TryAdd(Start.AddSeconds(60), 3), recent.TryAdd(Start.AddSeconds(61), 3), recent.TryAdd(Start.AddSeconds(62), 3)];
        var overAgain = recent.TryAdd(Start.AddSeconds(62), 3);

        Assert.Equal([0, 0, 0], allowed);
        Assert.Equal(40, fourth);
        Assert.Equal(1, lastMoment);
        Assert.Equal([0, 0, 0], nextMinute);
        Assert.Equal(58, overAgain);
    }

    [Fact]
    public void Each_refusal_names_the_seconds_left_in_the_window()
    {
        var recent = new RecentWrites();
        recent.TryAdd(Start, 1);

        var refused = Enumerable.Range(1, 5).Select(i => recent.TryAdd(Start.AddSeconds(i), 1)).ToList();
        var afterwards = recent.TryAdd(Start.AddMinutes(1), 1);

        Assert.Equal([59, 58, 57, 56, 55], refused);
        Assert.Equal(0, afterwards);
    }
}
