using System.Diagnostics;

namespace RelationshipGrains.Testing;

/// <summary>
/// One silo running as its own process (the built RelationshipGrains.Silo, in the profile its environment names), its output kept in a
/// file so a failing test can show why the silo died.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private SiloProcess(string name, int siloPort, int httpPort, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        SiloPort = siloPort;
        HttpPort = httpPort;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int HttpPort { get; }

    /// <summary>Where grain clients connect.</summary>
    public int GatewayPort { get; private init; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public int Pid => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <param name="workingDirectory">Where the process starts; the silo's own folder unless given.</param>
    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string> environment, string logDirectory, string? workingDirectory = null)
    {
        var siloPort = FreePorts.Next();
        var httpPort = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet", [SiloAssembly()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(SiloAssembly())!,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        // A data folder of its own unless the test names one (to start a silo again on the same data).
        if (!environment.ContainsKey("Storage__Directory"))
        {
            start.Environment["Storage__Directory"] = Path.Combine(logDirectory, $"{name}-data-{Guid.NewGuid():N}");
        }

        start.Environment["Silo__SiloPort"] = siloPort.ToString();
        var gatewayPort = FreePorts.Next();
        start.Environment["Silo__GatewayPort"] = gatewayPort.ToString();
        start.Environment["Urls"] = $"http://127.0.0.1:{httpPort}";

        // A test may be the first of a fresh clone to start a silo: nothing else has made the folder yet.
        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, $"{name}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(name, siloPort, httpPort, process, log, logPath) { GatewayPort = gatewayPort };
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200, failing early (with the silo's last output) if it exits.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Silo {Name} exited with code {_process.ExitCode} before it was ready:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{HttpPort}/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Silo {Name} was not ready within {within.TotalSeconds} s:\n{Tail()}");
    }

    /// <summary>SIGKILL: no shutdown, no deactivation, the sockets simply close, as when a machine dies.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, as Kubernetes sends before it removes a pod; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits for the process to end by itself (a silo that refuses to start); returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public string Tail(int lines = 40) => string.Join('\n', File.ReadLines(LogPath).TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    /// <summary>
    /// The silo as published by infra/tools/publish-silo.sh when <c>RG_SILO_ASSEMBLY</c> names it (infra/test.sh does:
    /// the form the image ships), else the build output beside the tests.
    /// </summary>
    private static string SiloAssembly()
    {
        if (Environment.GetEnvironmentVariable("RG_SILO_ASSEMBLY") is { Length: > 0 } published)
        {
            return File.Exists(published) ? published : throw new InvalidOperationException(
                $"RG_SILO_ASSEMBLY names {published}, which does not exist; run 'bash infra/tools/publish-silo.sh' first.");
        }

#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var path = Path.Combine(Repository.Root(), "src", "RelationshipGrains.Silo", "bin", configuration, "net10.0", "RelationshipGrains.Silo.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The silo is not built at {path}; build the solution first.");
    }
}
