using System.Diagnostics;

namespace RelationshipGrains.Benchmarks.Measurement;

/// <summary>
/// Runs one scenario in a process of its own, as BenchmarkDotNet runs each benchmark, and reads back its rows. A
/// scenario that shares a process with earlier ones inherits their heap, pools and JIT-compiled code: after `grain`,
/// Orleans' buffer pool held 192,143 pages (about 200 MB), which it never gives back.
/// </summary>
public static class ScenarioProcess
{
    /// <summary>The argument that makes a process run the scenarios it is given itself.</summary>
    public const string InProcess = "--in-process";

    public static async Task<(int ExitCode, IReadOnlyList<Measured> Results)> RunAsync(string scenario, bool quick)
    {
        var json = Path.Combine(Path.GetTempPath(), $"rg-bench-{scenario}-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };

        // Started as `dotnet RelationshipGrains.Benchmarks.dll`, the process path is the host, not the program.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScenarioProcess).Assembly.Location);
        }

        foreach (var argument in (string[])[scenario, InProcess, "--json", json, .. quick ? ["--quick"] : Array.Empty<string>()])
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start a process for scenario {scenario}.");
        await child.WaitForExitAsync();
        try
        {
            return (child.ExitCode, File.Exists(json) ? await ResultTable.ReadJsonAsync(json) : []);
        }
        finally
        {
            File.Delete(json);
        }
    }
}
