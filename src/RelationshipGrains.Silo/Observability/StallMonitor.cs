namespace RelationshipGrains.Silo.Observability;

/// <summary>
/// Warns when the silo stalls: every 100 ms a thread of its own hands the thread pool a work item and times how long
/// it waits to run (all grain turns and I/O completions run on that pool), and how late the thread itself woke (the
/// whole process paused: a garbage collection's suspension, or the machine short of CPU). A stall of half a second or
/// more is logged once, with what the runtime saw meanwhile, so a call that waited seconds can be told from one that
/// waited on storage.
/// </summary>
/// <param name="logger">Where stalls are reported.</param>
/// <param name="time">The clock stalls are timed by.</param>
/// <param name="pool">Runs a work item where grain turns run; the thread pool unless a test stands in for it.</param>
public sealed partial class StallMonitor(ILogger<StallMonitor> logger, TimeProvider time, Action<Action>? pool = null) : BackgroundService
{
    private readonly Action<Action> _pool = pool ?? (static work => ThreadPool.UnsafeQueueUserWorkItem(static w => w(), work, preferLocal: false));

    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    /// <summary>A stall at least this long is logged.</summary>
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(500);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A thread of its own: a probe running on the pool it measures would stall with it and see nothing.
        var thread = new Thread(() => Watch(stoppingToken)) { IsBackground = true, Name = "Silo stall monitor" };
        thread.Start();
        return Task.CompletedTask;
    }

    private void Watch(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var (paused, fullCollections) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
            var probe = new Probe(time);
            var queued = time.GetTimestamp();
            _pool(probe.Run);
            stopping.WaitHandle.WaitOne(Period);
            var late = time.GetElapsedTime(queued) - Period;
            try
            {
                probe.Ran.Wait(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var waited = time.GetElapsedTime(queued, probe.RanAt);
            if (waited >= Threshold || late >= Threshold)
            {
                LogStall(logger, (long)waited.TotalMilliseconds, (long)Math.Max(0, late.TotalMilliseconds), ThreadPool.PendingWorkItemCount,
                    ThreadPool.ThreadCount, (long)(GC.GetTotalPauseDuration() - paused).TotalMilliseconds, GC.CollectionCount(2) - fullCollections);
            }
        }
    }

    private sealed class Probe(TimeProvider time)
    {
        public ManualResetEventSlim Ran { get; } = new();

        public long RanAt { get; private set; }

        public void Run()
        {
            RanAt = time.GetTimestamp();
            Ran.Set();
        }
    }

    [LoggerMessage(EventId = 9100, Level = LogLevel.Warning,
        Message = "The silo stalled: work handed to the thread pool waited {WaitedMs} ms to run, and the monitor's own thread woke {LateMs} ms late "
            + "({PendingWorkItems} work items queued, {Threads} pool threads; meanwhile garbage collection paused the process {GcPauseMs} ms "
            + "in all, in {FullCollections} full collections and any number of smaller ones).")]
    private static partial void LogStall(ILogger logger, long waitedMs, long lateMs, long pendingWorkItems, int threads, long gcPauseMs, int fullCollections);
}
