namespace RelationshipGrains.Grains.RateLimits;

/// <summary>
/// How many records one customer or member made in the minute that began with the first of them. Kept in memory
/// only: a limit that forgets on reactivation is still a limit, and it costs no storage write. A window counted from
/// its first record, not a log of every record's time, holds 16 bytes in its grain however busy the writer (a log of
/// 120 times held 2 KB, and 152 B for a customer who wrote once); the price is that a writer may spend one window's
/// allowance at its end and the next one's at once.
/// </summary>
internal struct RecentWrites
{
    private long _windowEnds;
    private int _count;

    /// <summary>Seconds until another write is allowed, or 0 when it is allowed now (and counted).</summary>
    public int TryAdd(DateTimeOffset now, int perMinute)
    {
        if (now.UtcTicks >= _windowEnds)
        {
            _windowEnds = now.UtcTicks + TimeSpan.TicksPerMinute;
            _count = 0;
        }

        if (_count >= perMinute)
        {
            return Math.Max(1, (int)Math.Ceiling(TimeSpan.FromTicks(_windowEnds - now.UtcTicks).TotalSeconds));
        }

        _count++;
        return 0;
    }
}
