using System.Diagnostics;
using RelationshipGrains.Testing;

namespace RelationshipGrains.IntegrationTests.Cluster;

/// <summary>
/// The CPU each process of the test's cluster used over a stretch of load, per acknowledged interaction: which of them
/// the machine's cores were spent on when the cluster took all it could.
/// </summary>
internal sealed class CpuShares
{
    private readonly List<(string Name, Func<TimeSpan> Read, TimeSpan Start)> _processes = [];
    private readonly long _started = Stopwatch.GetTimestamp();

    private CpuShares(IEnumerable<(string Name, Func<TimeSpan> Read)> processes)
    {
        foreach (var (name, read) in processes)
        {
            _processes.Add((name, read, read()));
        }
    }

    /// <summary>Starts counting for the live silos, Azurite, the RabbitMQ broker the service script started (if it did) and this process.</summary>
    public static CpuShares Start(IEnumerable<SiloProcess> silos, AzuriteProcess storage)
    {
        var processes = silos.Where(s => !s.HasExited)
            .Select(s => (s.Name, (Func<TimeSpan>)(() => ProcessCpu.OfTree(s.Pid)))).ToList();
        processes.Add(("Azurite", () => ProcessCpu.OfTree(storage.Pid)));
        if (ProcessCpu.ServicePid("rabbitmq") is { } rabbit)
        {
            processes.Add(("RabbitMQ", () => ProcessCpu.OfTree(rabbit)));
        }

        var self = Process.GetCurrentProcess();
        processes.Add(("this test (the client)", () =>
        {
            self.Refresh();
            return self.TotalProcessorTime;
        }));
        return new CpuShares(processes);
    }

    /// <summary>One line: milliseconds of CPU per interaction for each process, and how busy the machine's cores were.</summary>
    public string Describe(int interactions)
    {
        var wall = Stopwatch.GetElapsedTime(_started);
        var used = _processes.Select(p => (p.Name, Used: p.Read() - p.Start)).ToList();
        var total = used.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Used);
        return $"CPU per acknowledged interaction: {string.Join(", ", used.Select(p => $"{p.Name} {p.Used.TotalMilliseconds / interactions:0.00} ms"))}; "
            + $"together {total.TotalMilliseconds / interactions:0.00} ms, {total / (wall * Environment.ProcessorCount):P0} of the machine's {Environment.ProcessorCount} cores over {wall.TotalSeconds:0.0} s.";
    }
}
