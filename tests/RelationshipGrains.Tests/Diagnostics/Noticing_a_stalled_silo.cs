using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RelationshipGrains.Silo.Observability;
using RelationshipGrains.Testing;

namespace RelationshipGrains.Tests.Diagnostics;

/// <summary>
/// The silo warns when work waits half a second or more to run. A stand-in pool sets the wait, so the test neither
/// starves the real thread pool (other tests share it) nor depends on how busy the machine is.
/// </summary>
public sealed partial class Noticing_a_stalled_silo
{
    [Fact]
    public async Task Work_that_waits_long_to_run_is_logged_with_how_long_it_waited()
    {
        var logs = new LogLines();
        // Every probe runs 700 ms after it is handed over, as if the pool's threads were all busy that long.
        var stalled = await WatchAsync(logs, work => new Thread(() => { Thread.Sleep(700); work(); }).Start(),
            until: () => logs.Lines.Count > 0);

        var waited = Waits(logs);
        Assert.True(stalled, "No stall was logged within 10 s.");
        Assert.All(waited, w => Assert.InRange(w, 700, 5_000));
        Assert.Contains("work items queued", logs.Lines.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_that_runs_at_once_is_never_reported_as_waiting()
    {
        var logs = new LogLines();

        await WatchAsync(logs, work => work(), until: () => false, TimeSpan.FromSeconds(1.5));

        // Only a pause of this whole process (its own thread woke late) could log here, and then not as waiting work.
        Assert.All(Waits(logs), w => Assert.True(w < 100, $"Work run at once was reported waiting {w} ms."));
    }

    private static async Task<bool> WatchAsync(LogLines logs, Action<Action> pool, Func<bool> until, TimeSpan? forAtMost = null)
    {
        using var factory = LoggerFactory.Create(l => l.AddProvider(logs));
        using var monitor = new StallMonitor(factory.CreateLogger<StallMonitor>(), TimeProvider.System, pool);
        await monitor.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow + (forAtMost ?? TimeSpan.FromSeconds(10));
        while (!until() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await monitor.StopAsync(CancellationToken.None);
        return until();
    }

    private static List<long> Waits(LogLines logs) =>
        [.. logs.Lines.Select(l => WaitedPattern().Match(l)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"waited (\d+) ms to run")]
    private static partial Regex WaitedPattern();
}
