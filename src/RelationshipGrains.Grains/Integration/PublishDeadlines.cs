namespace RelationshipGrains.Grains.Integration;

/// <summary>
/// The publish timeout as a token shared by every publish that starts within the same tenth of it: each gets at least
/// the whole timeout and at most a tenth more. A timer of its own per publish (a linked source and CancelAfter) was
/// 2.6% of the samples of the in-silo write benchmark under dotnet-trace, most of it in the timer queue's lock.
/// </summary>
public sealed class PublishDeadlines(TimeSpan timeout, TimeProvider time)
{
    private readonly TimeSpan _slice = timeout / 10;
    private readonly long _sliceTicks = Math.Max(1, (long)(timeout.TotalSeconds / 10 * time.TimestampFrequency));
    private Deadline? _current;

    /// <summary>A token cancelled no sooner than the timeout from now.</summary>
    public CancellationToken Next()
    {
        var slice = time.GetTimestamp() / _sliceTicks;
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Slice == slice)
        {
            return current.Source.Token;
        }

        // Made within its slice, it fires a whole timeout after the slice ends at the earliest. Sources left behind are
        // not disposed: each is collected once its timer has fired.
        var created = new Deadline(slice, new CancellationTokenSource(timeout + _slice, time));
        var installed = Interlocked.CompareExchange(ref _current, created, current);
        return installed == current ? created.Source.Token : installed!.Source.Token;
    }

    private sealed record Deadline(long Slice, CancellationTokenSource Source);
}
