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

    private AzuriteProcess(Process process, int blobPort, int tablePort)
    {
        _process = process;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    /// <summary>Blobs and tables (cluster membership, reminders) of this Azurite.</summary>

    public string ConnectionString { get; }

    public static async Task<AzuriteProcess> StartAsync()
    {
        var azurite = Path.Combine(Repository.Root(), "infra", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}; run 'bash infra/services/azurite.sh' once.");
        }

        var blobPort = FreePorts.Next();
        var tablePort = FreePorts.Next();
        // --disableTelemetry as in infra/services/azurite.sh: Azurite otherwise reports every request to Application Insights.
        var start = new ProcessStartInfo(azurite,
        [
            "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", FreePorts.Next().ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
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
