namespace RelationshipGrains.Grains.RateLimits;

/// <summary>
/// How many records one customer or member made in the last minute. Kept in memory only: a limit that forgets on
/// reactivation is still a limit, and it costs no storage write.
/// </summary>
internal sealed class RecentWrites
{
    private readonly Queue<DateTimeOffset> _times = new();

    /// <summary>Seconds until another write is allowed, or 0 when it is allowed now (and counted).</summary>
    public int TryAdd(DateTimeOffset now, int perMinute)
    {
        while (_times.Count > 0 && now - _times.Peek() >= TimeSpan.FromMinutes(1))
        {
            _times.Dequeue();
        }

        if (_times.Count >= perMinute)
        {
            return Math.Max(1, (int)Math.Ceiling((_times.Peek() + TimeSpan.FromMinutes(1) - now).TotalSeconds));
        }

        _times.Enqueue(now);
        return 0;
    }
}
