using System.Diagnostics;
using RelationshipGrains.Testing;

namespace RelationshipGrains.IntegrationTests.Cluster;

/// <summary>
/// The CPU each process of the test's cluster used over a stretch of load, per acknowledged interaction: which of them
/// the machine's cores were spent on when the cluster took all it could.
/// </summary>
internal sealed class CpuShares
{
    private const string Self = "this test (the client)";

    private readonly IReadOnlyList<(string Name, int Pid)> _processes;
    private readonly TimeSpan[] _start;
    private readonly TimeSpan _selfStart = Environment.CpuUsage.TotalTime;
    private readonly long _started = Stopwatch.GetTimestamp();

    private CpuShares(IReadOnlyList<(string Name, int Pid)> processes)
    {
        _processes = processes;
        _start = ProcessCpu.OfTrees([.. processes.Select(p => p.Pid)]);
    }

    /// <summary>Starts counting for the live silos, Azurite, the RabbitMQ broker the service script started (if it did) and this process.</summary>
    public static CpuShares Start(IEnumerable<SiloProcess> silos, AzuriteProcess storage)
    {
        var processes = silos.Where(s => !s.HasExited).Select(s => (s.Name, s.Pid)).ToList();
        processes.Add(("Azurite", storage.Pid));
        if (ProcessCpu.ServicePid("rabbitmq") is { } rabbit)
        {
            processes.Add(("RabbitMQ", rabbit));
        }

        return new CpuShares(processes);
    }

    /// <summary>One line: milliseconds of CPU per interaction for each process, and how busy the machine's cores were.</summary>
    public string Describe(int interactions)
    {
        var wall = Stopwatch.GetElapsedTime(_started);
        var now = ProcessCpu.OfTrees([.. _processes.Select(p => p.Pid)]);
        var used = _processes.Select((p, i) => (p.Name, Used: now[i] - _start[i]))
            .Append((Name: Self, Used: Environment.CpuUsage.TotalTime - _selfStart)).ToList();
        var total = used.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Used);
        return $"CPU per acknowledged interaction: {string.Join(", ", used.Select(p => $"{p.Name} {p.Used.TotalMilliseconds / interactions:0.00} ms"))}; "
            + $"together {total.TotalMilliseconds / interactions:0.00} ms, {total / (wall * Environment.ProcessorCount):P0} of the machine's {Environment.ProcessorCount} cores over {wall.TotalSeconds:0.0} s.";
    }
}
