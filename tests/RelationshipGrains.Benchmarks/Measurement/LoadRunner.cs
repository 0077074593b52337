using System.Diagnostics;
using RelationshipGrains.Benchmarks.Hosting;

namespace RelationshipGrains.Benchmarks.Measurement;

/// <summary>
/// Runs an operation from many concurrent callers for a fixed time after a warm-up, and measures it. Each caller
/// loops on its own; latencies are kept per call, so percentiles are exact. The call number <c>n</c> a caller passes
/// never repeats within the process, warm-up included: scenarios build request ids from it, and a repeated id would be
/// answered as a retry without writing anything.
/// </summary>
public sealed class LoadRunner(TimeSpan warmUp, TimeSpan duration)
{
    private long _loops;

    /// <param name="traffic">If given, the storage requests counted while measuring are reported per operation.</param>
    /// <param name="measuring">Called between the warm-up and the measured calls, for counts of the caller's own.</param>
    public async Task<Measured> RunAsync(
        string scenario, string operation, int concurrency, Func<int, long, Task> call, StorageTraffic? traffic = null, Action? measuring = null)
    {
        await LoopAsync(concurrency, warmUp, call, record: null);
        measuring?.Invoke();
        var latencies = new List<double>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            latencies[i] = [];
        }

        var trafficBefore = traffic?.Now;
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var operations = await LoopAsync(concurrency, duration, call, latencies);
        var elapsed = clock.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var measured = new Measured(scenario, operation, concurrency, operations, operations / elapsed,
            Percentile(all, 0.50), Percentile(all, 0.99), operations == 0 ? 0 : (double)allocated / operations)
        {
            CpuMicrosPerOp = operations == 0 ? 0 : cpu.TotalMicroseconds / operations,
        };
        if (traffic?.Now is { } after && trafficBefore is { } before && operations > 0)
        {
            measured = measured with
            {
                StoragePerOp = ((after.Requests - before.Requests) / (double)operations, (after.BytesSent - before.BytesSent) / (double)operations,
                    (after.InRequests - before.InRequests).TotalMilliseconds / operations),
            };
        }

        return measured;
    }

    private async Task<long> LoopAsync(int concurrency, TimeSpan length, Func<int, long, Task> call, List<double>[]? record)
    {
        // Each loop numbers its calls from its own block of 2^40; no loop makes that many calls.
        var first = Interlocked.Increment(ref _loops) << 40;
        var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        long total = 0;
        // Every caller makes its first call from here, before any of them continues. Each used to start with
        // Task.Yield, which put it in the thread pool's global queue, and a pool thread serves its local queue first:
        // in silo, the callers already running completed each other's calls locally, so the rest never started. The
        // in-silo phases of "1,000 callers" ran 9 to 124 of them (counted per phase, 2026-12-03).
        var callers = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            callers[i] = CallerAsync(i);
        }

        await Task.WhenAll(callers);
        return total;

        async Task CallerAsync(int caller)
        {
            long n = 0;
            while (Stopwatch.GetTimestamp() < until)
            {
                var start = Stopwatch.GetTimestamp();
                await call(caller, first + n++);
                record?[caller].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            Interlocked.Add(ref total, n);
        }
    }

    /// <summary>The nearest-rank percentile of latencies sorted ascending; 0 for none.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
