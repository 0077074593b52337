using System.Diagnostics;

namespace RelationshipGrains.Benchmarks.Hosting;

/// <summary>
/// A throw-away PostgreSQL 15 from the machine's Debian packages on a loopback port, run as the postgres user when
/// we are root (PostgreSQL refuses to run as root). Stopped and deleted on dispose.
/// </summary>
public sealed class LocalPostgres(string directory, int port) : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";

    public string ConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";

    public static async Task<LocalPostgres> StartAsync()
    {
        if (!File.Exists($"{Bin}/initdb"))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({Bin}/initdb is missing): apt-get install postgresql-15.");
        }

        var directory = Path.Combine(Path.GetTempPath(), $"rg-bench-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var port = FreePorts.Next();
        await RunAsync("chown", ["postgres:postgres", directory], asPostgres: false, optional: true);
        await RunAsync($"{Bin}/initdb", ["-D", directory, "-A", "trust", "-U", "postgres", "--no-sync"], asPostgres: true);
        await RunAsync($"{Bin}/pg_ctl", ["-D", directory, "-w", "-l", Path.Combine(directory, "server.log"), "-o",
            $"-p {port} -k {directory} -c listen_addresses=127.0.0.1", "start"], asPostgres: true);
        return new LocalPostgres(directory, port);
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync($"{Bin}/pg_ctl", ["-D", directory, "-m", "immediate", "stop"], asPostgres: true, optional: true);
        Directory.Delete(directory, recursive: true);
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres, bool optional = false)
    {
        var root = Environment.UserName == "root";
        var start = asPostgres && root
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !optional)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {output}");
        }
    }
}
