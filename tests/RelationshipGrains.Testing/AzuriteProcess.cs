using System.Diagnostics;
using System.Net.Sockets;

namespace RelationshipGrains.Testing;

/// <summary>
/// An Azurite of its own (in memory, on free ports), for a test or benchmark that writes tens of thousands of blobs:
/// Azurite's in-memory store slows down with every blob it has held, so the shared one stays small and fast for the
/// others, and this one is gone when its user ends.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;

    /// <summary>Longer than .NET's connection pool keeps an idle connection (a minute), so the client always closes first.</summary>
    private const string KeepAliveSeconds = "300";

    private AzuriteProcess(Process process, int blobPort, int tablePort)
    {
        _process = process;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    /// <summary>Blobs and tables (cluster membership, reminders) of this Azurite.</summary>

    public string ConnectionString { get; }

    public int Pid => _process.Id;

    /// <param name="precedence">
    /// Run it ahead of everything else on the machine, as a storage service with capacity of its own (see
    /// <see cref="GivePrecedence"/>); raising a process's priority needs root, which the test command has.
    /// </param>
    public static async Task<AzuriteProcess> StartAsync(bool precedence = false)
    {
        var azurite = Path.Combine(Repository.Root(), "infra", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}; run 'bash infra/services/azurite.sh' once.");
        }

        var blobPort = FreePorts.Next();
        var tablePort = FreePorts.Next();
        // --disableTelemetry and the keep-alive timeouts as in infra/services/azurite.sh (which says why).
        var start = new ProcessStartInfo(azurite,
        [
            "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobKeepAliveTimeout", KeepAliveSeconds, "--queueKeepAliveTimeout", KeepAliveSeconds, "--tableKeepAliveTimeout", KeepAliveSeconds,
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", FreePorts.Next().ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        if (precedence)
        {
            GivePrecedence(process);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", blobPort);
                return new AzuriteProcess(process, blobPort, tablePort);
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"A test's own Azurite did not start listening on 127.0.0.1:{blobPort} within 30 s.");
    }

    /// <summary>
    /// Azurite serves every request on one Node.js thread. Beside three silos, a broker and a load generator on two
    /// cores (0-5% idle, 10-30 threads waiting to run under the three-silo kill test's load), it was the one queue every
    /// silo waited on: storage requests from all silos at once took 1-10 s while no silo's own thread pool was held up,
    /// and some runs lost 1-9% of their calls to over a second. In production the storage account does not share the
    /// silos' cores; given precedence here, it does not wait behind them either.
    /// </summary>
    private static void GivePrecedence(Process process)
    {
        try
        {
            process.PriorityClass = ProcessPriorityClass.High;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(
                "This test's Azurite could not be run ahead of the silos (raising a process's priority needs root or CAP_SYS_NICE): " + e.Message, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
