using System.Globalization;

namespace RelationshipGrains.Testing;

/// <summary>
/// CPU time used by processes and their descendants, read from /proc: what a load test's share of each process was.
/// Linux only; elsewhere every reading is zero.
/// </summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the tests run on

    /// <summary>CPU time (user and system) of <paramref name="pid"/> and every process below it, live ones only.</summary>
    public static TimeSpan OfTree(int pid) => OfTrees([pid])[0];

    /// <summary>
    /// <see cref="OfTree"/> for each of <paramref name="pids"/>, from one reading of /proc, so all are taken at the
    /// same moment.
    /// </summary>
    public static TimeSpan[] OfTrees(IReadOnlyList<int> pids)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new TimeSpan[pids.Count];
        }

        var all = Snapshot();
        var children = all.ToLookup(p => p.Value.Parent, p => p.Key);
        return [.. pids.Select(pid =>
        {
            var ticks = 0L;
            var pending = new Stack<int>([pid]);
            while (pending.TryPop(out var next))
            {
                if (all.TryGetValue(next, out var found))
                {
                    ticks += found.Ticks;
                }

                foreach (var child in children[next])
                {
                    pending.Push(child);
                }
            }

            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        })];
    }

    /// <summary>The pid a service script wrote to $RG_SERVICES_DIR/<paramref name="service"/>.pid, if it started one.</summary>
    public static int? ServicePid(string service) =>
        Environment.GetEnvironmentVariable("RG_SERVICES_DIR") is { Length: > 0 } dir
        && Path.Combine(dir, service + ".pid") is var file
        && File.Exists(file)
        && int.TryParse(File.ReadAllText(file).Trim(), out var pid)
            ? pid
            : null;

    private static Dictionary<int, (int Parent, long Ticks)> Snapshot()
    {
        var all = new Dictionary<int, (int, long)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                // The command name (field 2) is in parentheses and may hold spaces: fields are counted after its ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                all[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we read.
            }
        }

        return all;
    }
}
